// Guesses a file's delimiter from its first lines: the candidate that splits them into the same number of fields.

import { CsvParser } from './csv-parser.ts';

export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

/** How many rows of the sample are looked at. */
const SAMPLE_ROWS = 50;
/** Only the start of the sample is parsed, so sniffing stays cheap whatever the caller passes. */
const SAMPLE_CHARS = 64 * 1024;

/**
 * Picks the delimiter among `, ; \t |` that gives the header more than one field and the most rows
 * with the header's field count (ties: more fields, then the order above). Quotes are respected, so a
 * comma inside a quoted field does not count. Defaults to ',' when no candidate splits the header.
 *
 * `complete` says whether `sample` is the whole file; when it is not, the sample's last row may be cut
 * short, so it is left out.
 */
export function sniffDelimiter(sample: string, complete = false): string {
  let text = sample;
  let whole = complete;
  if (text.length > SAMPLE_CHARS) {
    text = text.slice(0, SAMPLE_CHARS);
    whole = false;
  }
  let best = ',';
  let bestScore = -1;
  let bestFields = 0;
  for (const candidate of DELIMITER_CANDIDATES) {
    const counts = fieldCounts(text, candidate, whole);
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
function fieldCounts(text: string, delimiter: string, whole: boolean): number[] {
  const counts: number[] = [];
  const parser = new CsvParser(
    (fields) => {
      if (counts.length >= SAMPLE_ROWS) return;
      if (fields.length === 1 && fields[0] === '') return;
      counts.push(fields.length);
    },
    { delimiter },
  );
  parser.push(text);
  if (whole) {
    try {
      parser.finish();
    } catch {
      // An unclosed quote is reported by the real parse, with its line; here it just ends the sample.
    }
  }
  // Without finish() the cut-short last row is never emitted, which is what a partial sample needs.
  return counts;
}
