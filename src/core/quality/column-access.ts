// Reading a column's values the way rules need them: presence, text, canonical keys, per-category caching.

import { cellText, type Column } from '../table/table.ts';

export function isPresent(column: Column, row: number): boolean {
  return column.kind === 'numeric' ? !Number.isNaN(column.values[row]) : column.codes[row] >= 0;
}

/**
 * For a coded column, each code's index among the distinct dictionary strings, so that two codes with the
 * same text count as one value (the loaders do not promise a dictionary free of repeats).
 */
export function canonicalCodes(column: Column & { kind: 'coded' }): Int32Array {
  const first = new Map<string, number>();
  const canonical = new Int32Array(column.dictionary.length);
  column.dictionary.forEach((text, code) => {
    let k = first.get(text);
    if (k === undefined) {
      k = first.size;
      first.set(text, k);
    }
    canonical[code] = k;
  });
  return canonical;
}

/**
 * A test of each present value's text. For coded columns it runs once per dictionary entry and is cached
 * (a million rows of a dozen categories cost a dozen tests); numeric columns test each row's text.
 */
export function textTest(column: Column, test: (text: string) => boolean): (row: number) => boolean {
  if (column.kind === 'coded') {
    const known = new Int8Array(column.dictionary.length); // 0 unknown, 1 passes, 2 fails
    return (row) => {
      const code = column.codes[row];
      let k = known[code];
      if (k === 0) {
        k = test(column.dictionary[code]) ? 1 : 2;
        known[code] = k;
      }
      return k === 1;
    };
  }
  return (row) => test(cellText(column, row) as string);
}

/** Length in Unicode code points, as Python's len() (Great Expectations' value lengths) counts it. */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** A key equal for equal present values (String(-0) is "0": 0 and -0 are one value, as in pandas); null when missing. */
export function valueKey(column: Column, row: number, canonical?: Int32Array): string | null {
  if (column.kind === 'coded') {
    const code = column.codes[row];
    return code < 0 ? null : 'c' + (canonical ? canonical[code] : code);
  }
  const v = column.values[row];
  if (Number.isNaN(v)) return null;
  return 'n' + String(v);
}
