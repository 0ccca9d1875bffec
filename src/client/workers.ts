// The app's workers behind typed handles: one data worker and one train worker, started on first use.
import { WorkerHandle } from './worker-handle';
import type { DataWorkerApi } from '../../workers/data.worker';
import type { TrainWorkerApi } from '../../workers/train.worker';

let data: WorkerHandle<DataWorkerApi> | undefined;
let train: WorkerHandle<TrainWorkerApi> | undefined;

export function dataWorker(): WorkerHandle<DataWorkerApi> {
  data ??= new WorkerHandle<DataWorkerApi>(
    'data',
    () => new Worker(new URL('../../workers/data.worker.ts', import.meta.url), { type: 'module', name: 'lathe-data' }),
  );
  return data;
}

export function trainWorker(): WorkerHandle<TrainWorkerApi> {
  train ??= new WorkerHandle<TrainWorkerApi>(
    'training',
    () => new Worker(new URL('../../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'lathe-train' }),
  );
  return train;
}
