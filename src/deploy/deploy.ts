// One deployment end to end: check the server, upload the model, wait until it is ready, then check parity and latency.

import { UserError } from '../core/errors/user-error.ts';
import type { ExampleRow } from '../ml/manifests/oip-infer-request.ts';
import { infer, loadFromRepository, modelMetadata, testConnection, uploadModel, uploadToTarget, waitReady, type Connection, type FetchLike, type ModelFiles, type OipTensor } from './oip-client.ts';
import { compareOutputs, parityPasses, percentile, PARITY_TOLERANCE, type LathePredictions, type ParityComparison } from './parity.ts';

export type DeployStage = 'connect' | 'upload' | 'ready' | 'parity' | 'latency';

export interface DeployProgress {
  stage: DeployStage;
  /** 0..1 over the whole deployment. */
  fraction: number;
  label: string;
}

export interface DeployInput {
  conn: Connection;
  model: string;
  files: ModelFiles;
  /**
   * When set, the whole bundle is PUT here instead of the server's repository extension, and the server
   * is expected to pick it up (its model repository reads that storage).
   */
  uploadTarget?: { url: string; bundle: Uint8Array };
  /** Held-out rows as the graph takes them, and Lathe's predictions for the same rows in the same order. */
  rows: ExampleRow[];
  predictions: LathePredictions;
  /** Rows per inference request. */
  batchRows?: number;
  /** Single-row requests timed for the latency figures. */
  latencyRequests?: number;
  readyTimeoutMs?: number;
  onProgress?: (p: DeployProgress) => void;
  fetchImpl?: FetchLike;
}

export interface DeployResult extends ParityComparison {
  model: string;
  version: string;
  server: string;
  pass: boolean;
  tolerance: number;
  p50Ms: number;
  p95Ms: number;
  readyMs: number;
}

interface InputMeta {
  name: string;
  datatype: string;
}

/** The bundle's metadata.json inputs, which say each input's OIP datatype. */
function inputsOf(metadata: Uint8Array): InputMeta[] {
  const parsed = JSON.parse(new TextDecoder().decode(metadata)) as { inputs?: InputMeta[] };
  if (!Array.isArray(parsed.inputs)) throw new Error('metadata.json lists no inputs');
  return parsed.inputs;
}

/** An OIP request for rows: each input [rows, 1], values in row order. */
export function inferRequest(inputs: readonly InputMeta[], rows: readonly ExampleRow[]): { inputs: OipTensor[] } {
  return {
    inputs: inputs.map((i) => ({ name: i.name, datatype: i.datatype, shape: [rows.length, 1], data: rows.map((r) => r[i.name]) })),
  };
}

function concat(parts: Map<string, OipTensor>[]): Map<string, OipTensor> {
  const out = new Map<string, OipTensor>();
  for (const part of parts) {
    for (const [name, t] of part) {
      const prev = out.get(name);
      out.set(name, prev ? { ...prev, data: [...prev.data, ...t.data] } : t);
    }
  }
  return out;
}

export async function deployModel(input: DeployInput): Promise<DeployResult> {
  const fetchImpl = input.fetchImpl ?? fetch;
  const report = (stage: DeployStage, fraction: number, label: string) => input.onProgress?.({ stage, fraction, label });
  const { conn, model } = input;

  report('connect', 0, 'Checking the server');
  const connection = await testConnection(conn, fetchImpl);
  if (!connection.ok) {
    const failed = connection.checks.find((c) => !c.ok);
    throw new UserError(`Deploy stopped before uploading: ${failed?.detail ?? 'the server did not pass its checks.'}`, 'Nothing was changed. Use “Test connection” to see every check.', { kind: 'connection' });
  }

  if (input.uploadTarget) {
    report('upload', 0.1, `Uploading the bundle (${(input.uploadTarget.bundle.byteLength / 1024).toFixed(1)} KB) to ${new URL(input.uploadTarget.url).host}`);
    await uploadToTarget(input.uploadTarget.url, input.uploadTarget.bundle, fetchImpl);
    // A server that manages its repository (Triton in explicit mode, lathe serve) loads on request;
    // others poll their storage, so waiting for ready is all there is to do.
    if (connection.server?.extensions.includes('model_repository')) await loadFromRepository(conn, model, fetchImpl);
  } else {
    report('upload', 0.1, `Uploading ${model} (${(input.files.onnx.byteLength / 1024).toFixed(1)} KB)`);
    await uploadModel(conn, model, input.files, connection.server, fetchImpl);
  }

  report('ready', 0.35, `Waiting for ${model} to be ready`);
  const readyMs = await waitReady(conn, model, { timeoutMs: input.readyTimeoutMs ?? 60_000 }, fetchImpl);
  const versions = (await modelMetadata(conn, model, fetchImpl)).versions;
  const version = Array.isArray(versions) && versions.length > 0 ? String(versions[versions.length - 1]) : '1';

  const inputs = inputsOf(input.files.metadata);
  const batch = input.batchRows ?? 100;
  const parts: Map<string, OipTensor>[] = [];
  for (let start = 0; start < input.rows.length; start += batch) {
    report('parity', 0.45 + 0.35 * (start / input.rows.length), `Parity: rows ${start + 1}–${Math.min(start + batch, input.rows.length)} of ${input.rows.length}`);
    parts.push((await infer(conn, model, inferRequest(inputs, input.rows.slice(start, start + batch)), fetchImpl)).outputs);
  }
  let comparison: ParityComparison;
  try {
    comparison = compareOutputs(input.predictions, concat(parts));
  } catch (err) {
    throw new UserError(`The served model’s answer does not match this model’s outputs: ${err instanceof Error ? err.message : String(err)}.`, 'Another model may be served under this name.', { kind: 'parity-shape' });
  }

  const times: number[] = [];
  const n = Math.min(input.latencyRequests ?? 20, Math.max(input.rows.length, 1));
  for (let i = 0; i < n && input.rows.length > 0; i++) {
    report('latency', 0.8 + 0.2 * (i / n), `Latency: request ${i + 1} of ${n}`);
    times.push((await infer(conn, model, inferRequest(inputs, [input.rows[i % input.rows.length]]), fetchImpl)).ms);
  }
  report('latency', 1, 'Done');
  return {
    ...comparison,
    model,
    version,
    server: connection.server ? `${connection.server.name} ${connection.server.version}` : '',
    pass: parityPasses(comparison),
    tolerance: PARITY_TOLERANCE,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    readyMs,
  };
}
