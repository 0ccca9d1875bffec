// Builds one typed column from cell texts held in memory (for loaders that do not start from delimited bytes).

import type { Column, ColumnType } from '../table/table.ts';
import { ColumnBuilder, type BuiltColumn } from './column-builder.ts';
import { ValueDecoder } from './text-decoding.ts';

export { INFERENCE_THRESHOLDS, isMissingText, parseIsoDate } from './type-rules.ts';

/**
 * A column from raw cell texts (null = absent), with the same rules as delimited loading (column-builder.ts):
 * types tried in order integer, float (including 1e3 and ±Infinity), boolean (true/false or yes/no, any
 * case), ISO datetime (UTC unless zoned), then a dictionary-coded identifier, text or categorical column;
 * missing tokens (empty, NA, N/A, null, NaN, None) are missing; an all-missing column is float.
 * With `type`, the column is read as that type and texts that fail it are counted in `invalid`.
 */
export function inferColumn(name: string, raw: readonly (string | null)[], type?: ColumnType): Column {
  return inferColumnWithType(name, raw, type).column;
}

/**
 * inferColumn, also saying which type inference chose: for a forced type, the one inference would have
 * chosen from the column's first 10,000 present cells (column-builder.ts).
 */
export function inferColumnWithType(name: string, raw: readonly (string | null)[], type?: ColumnType): BuiltColumn {
  const first = build(name, raw, { type });
  if (!first.misjudged) return first.built;
  // Settled early, then failed by many later texts: the column is text after all.
  return build(name, raw, { codedOnly: true }).built;
}

function build(name: string, raw: readonly (string | null)[], options: { type?: ColumnType; codedOnly?: boolean }): { built: BuiltColumn; misjudged: boolean } {
  const builder = new ColumnBuilder(name, new ValueDecoder('utf-8'), options);
  const encoder = new TextEncoder();
  let buf = new Uint8Array(256);
  for (const text of raw) {
    if (text === null) {
      builder.add(buf, 0, 0);
      continue;
    }
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (3 * text.length > buf.length) buf = new Uint8Array(3 * text.length);
    const { written } = encoder.encodeInto(text, buf);
    builder.add(buf, 0, written);
  }
  return { built: builder.finish() as BuiltColumn, misjudged: builder.misjudged };
}
