// Shared set-up for the `lathe serve` tests: the committed ONNX fixtures, bundle zips built from them, HTTP helpers.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';

export const root = fileURLToPath(new URL('../../../../', import.meta.url));
export const fixtureDir = join(root, 'test/fixtures/serve');

/** A committed model from scripts/fixtures/serve_models.py. */
export function onnx(name: 'classifier' | 'regression' | 'types'): Uint8Array {
  return readFileSync(join(fixtureDir, `${name}.onnx`));
}

/** NumPy's outputs for the fixture models (scripts/fixtures/serve_models.py). */
export interface Expected {
  classifier: {
    rows: { bill_length_mm: number | null; flipper_length_mm: number | null; island: string }[];
    classes: string[];
    probabilities: number[][];
    label: string[];
  };
  regression: { x1: number[]; x2: number[]; prediction: number[][] };
}

export const expected = JSON.parse(readFileSync(join(fixtureDir, 'expected.json'), 'utf8')) as Expected;

/** metadata.json as a Lathe bundle carries it for the classifier, with a field the server passes through. */
export const penguinsMetadata = JSON.parse(readFileSync(join(fixtureDir, 'penguins.metadata.json'), 'utf8')) as {
  name: string;
  platform: string;
  inputs: { name: string; datatype: string; shape: number[] }[];
  outputs: { name: string; datatype: string; shape: number[] }[];
  classes: string[];
};

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'lathe-serve-'));
}

/** Writes a bundle zip; `prefix` puts its files under one folder, as zipping a folder does. */
export function writeZip(path: string, files: Record<string, Uint8Array | string | object>, prefix = ''): string {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(files)) {
    entries[prefix + name] =
      content instanceof Uint8Array ? content : strToU8(typeof content === 'string' ? content : JSON.stringify(content));
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, zipSync(entries));
  return path;
}

/** Writes a bundle folder. */
export function writeDir(path: string, files: Record<string, Uint8Array | string | object>): string {
  mkdirSync(path, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(path, name), content instanceof Uint8Array || typeof content === 'string' ? content : JSON.stringify(content));
  }
  return path;
}

/** The classifier's request inputs for the reference rows, flat (or nested as [[v], [v], ...]). */
export function classifierInputs(nested = false): object[] {
  const rows = expected.classifier.rows;
  const n = rows.length;
  const col = <T>(pick: (r: (typeof rows)[number]) => T): (T | T[])[] => rows.map((r) => (nested ? [pick(r)] : pick(r)));
  return [
    { name: 'bill_length_mm', shape: [n, 1], datatype: 'FP32', data: col((r) => r.bill_length_mm) },
    { name: 'flipper_length_mm', shape: [n, 1], datatype: 'FP32', data: col((r) => r.flipper_length_mm) },
    { name: 'island', shape: [n, 1], datatype: 'BYTES', data: col((r) => r.island) },
  ];
}

export interface Reply {
  status: number;
  headers: Headers;
  // any: replies are JSON of many shapes, and each test reads the fields it expects.
  body: any;
}

/** Calls the server and parses the JSON reply (body undefined when empty). */
export async function call(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  const res = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), body, headers: init.headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}
