// Runs scripts/fixtures/onnx_check.py's independent parsers (PyYAML, protobuf text_format) on manifest text.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PYTHON = '/usr/bin/python3';

function canImport(module: string): boolean {
  return spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

export const hasPyYaml = canImport('yaml');
export const hasProtobuf = canImport('google.protobuf');
if (!hasPyYaml) console.warn(`Skipping PyYAML checks: ${PYTHON} cannot import yaml (apt install python3-yaml).`);
if (!hasProtobuf) console.warn(`Skipping config.pbtxt checks: ${PYTHON} cannot import google.protobuf (apt install python3-protobuf).`);

/** Parses `text` with the script's `yaml` or `pbtxt` reader; throws with the parser's message on failure. */
export function pyParse(kind: 'yaml' | 'pbtxt', text: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'lathe-manifest-'));
  try {
    const path = join(dir, kind === 'yaml' ? 'manifest.yaml' : 'config.pbtxt');
    writeFileSync(path, text);
    const run = spawnSync(PYTHON, ['scripts/fixtures/onnx_check.py', kind, path], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`onnx_check.py ${kind} failed: ${run.stderr}`);
    return JSON.parse(run.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
