// Decides a file's format from its name's extension, else from its first bytes.

import { isJsonObjectText } from './load-json.ts';
import type { FileFormat } from './load-types.ts';

const BY_EXTENSION = new Map<string, FileFormat>([
  ['csv', 'csv'],
  ['tsv', 'csv'],
  ['txt', 'csv'],
  ['tab', 'csv'],
  ['psv', 'csv'],
  ['json', 'json'],
  ['ndjson', 'ndjson'],
  ['jsonl', 'ndjson'],
  ['parquet', 'parquet'],
  ['pq', 'parquet'],
]);

/**
 * The format of a file: by extension first (.csv .tsv .txt .tab .psv → csv, .json → json, .ndjson .jsonl →
 * ndjson, .parquet .pq → parquet); otherwise by content, from `head` (the first bytes, 64 KiB is plenty):
 * Parquet's PAR1 magic; text whose first non-space character is `[` → json; `{` → ndjson when the first line
 * is a complete object; anything else → csv.
 */
export function detectFormat(name: string, head: Uint8Array): FileFormat {
  return formatFromName(name) ?? formatFromContent(head);
}

/** The format a file name's extension stands for, or null when it names none of them. */
export function formatFromName(name: string): FileFormat | null {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? null : (BY_EXTENSION.get(name.slice(dot + 1).toLowerCase()) ?? null);
}

function formatFromContent(head: Uint8Array): FileFormat {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return 'parquet';
  let i = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (head[i] === 0x5b) return 'json';
  if (head[i] !== 0x7b) return 'csv';
  const newline = head.indexOf(0x0a, i);
  const firstLine = new TextDecoder().decode(head.subarray(i, newline < 0 ? head.length : newline));
  // A `{` that does not close on its line starts one pretty-printed object: the JSON loader explains why that
  // is not a table better than the CSV loader would.
  return isJsonObjectText(firstLine) ? 'ndjson' : 'json';
}
