// The sandbox's two scripts, fetched by the page once and handed to the sandbox as Blobs (it cannot fetch the app's URLs).
/// <reference types="vite/client" />
import danfoUrl from 'danfojs?url';
import workerUrl from './code.worker.ts?worker&url';
import { UserError } from '../core/errors/user-error';

export interface SandboxAssets {
  worker: Blob;
  danfo: Blob;
}

let pending: Promise<SandboxAssets> | undefined;

async function fetchBlob(url: string, what: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new UserError(`${what} could not be downloaded: ${String(err)}.`, 'Check the connection to the server Lathe is served from, then run the cell again.');
  }
  if (!response.ok) throw new UserError(`${what} could not be downloaded (HTTP ${response.status}).`, 'Reload the page and run the cell again.');
  return response.blob();
}

/** danfojs (about 6 MB, 1.5 MB compressed) and the worker script; downloaded on the first run of a code cell. */
export function sandboxAssets(): Promise<SandboxAssets> {
  if (import.meta.env.DEV) {
    // The dev server serves the worker as a module with imports the sandbox cannot resolve.
    return Promise.reject(new UserError('Code cells run only in the built app.', 'Run `npm start` (it builds the app and serves it), or `npx vite build && npx vite preview`.'));
  }
  pending ??= Promise.all([fetchBlob(workerUrl, 'The code sandbox'), fetchBlob(danfoUrl, 'danfojs')])
    .then(([worker, danfo]) => ({ worker: new Blob([worker], { type: 'text/javascript' }), danfo: new Blob([danfo], { type: 'text/javascript' }) }))
    .catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
  return pending;
}
