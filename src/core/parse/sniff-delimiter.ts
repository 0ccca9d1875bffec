// Guesses a file's delimiter from its first lines: the candidate that splits them into the same number of fields.

import { CsvScanner, type RowSink } from './csv-parser.ts';

export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

/** How many rows of the sample are looked at. */
const SAMPLE_ROWS = 50;
/** Only the start of the sample is parsed, so sniffing stays cheap whatever the caller passes. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Picks the delimiter among `, ; \t |` that gives the header more than one field and the most rows
 * with the header's field count (ties: more fields, then the order above). Quotes are respected, so a
 * comma inside a quoted field does not count. Defaults to ',' when no candidate splits the header.
 *
 * `sample` is the start of the file, as bytes (any ASCII-compatible encoding) or text. `complete` says
 * whether it is the whole file; when it is not, the sample's last row may be cut short, so it is left out.
 */
export function sniffDelimiter(sample: Uint8Array | string, complete = false): string {
  let bytes = typeof sample === 'string' ? new TextEncoder().encode(sample) : sample;
  let whole = complete;
  if (bytes.length > SNIFF_BYTES) {
    bytes = bytes.subarray(0, SNIFF_BYTES);
    whole = false;
  }
  let best = ',';
  let bestScore = -1;
  let bestFields = 0;
  for (const candidate of DELIMITER_CANDIDATES) {
    const counts = fieldCounts(bytes, candidate, whole);
    if (counts.length === 0 || counts[0] <= 1) continue;
    const header = counts[0];
    let matching = 0;
    for (const c of counts) if (c === header) matching++;
    const score = matching / counts.length;
    if (score > bestScore || (score === bestScore && header > bestFields)) {
      best = candidate;
      bestScore = score;
      bestFields = header;
    }
  }
  return best;
}

/** Field counts of the first rows, blank lines skipped. */
function fieldCounts(bytes: Uint8Array, delimiter: string, whole: boolean): number[] {
  const counts: number[] = [];
  const sink: RowSink = {
    row(_buf, starts, ends, count) {
      if (counts.length >= SAMPLE_ROWS) return;
      if (count === 1 && starts[0] === ends[0]) return;
      counts.push(count);
    },
  };
  const scanner = new CsvScanner(sink, delimiter);
  scanner.push(bytes);
  if (whole) {
    try {
      scanner.finish();
    } catch {
      // An unclosed quote is reported by the real parse, with its line; here it just ends the sample.
    }
  }
  // Without finish() the cut-short last row is never reported, which is what a partial sample needs.
  return counts;
}
