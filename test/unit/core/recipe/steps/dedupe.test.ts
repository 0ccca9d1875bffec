import { describe, expect, it } from 'vitest';
import { applyStep } from '../../../../../src/core/recipe/apply.ts';
import { dedupeStep, uniqueRows } from '../../../../../src/core/recipe/steps/dedupe.ts';
import type { DedupeStep } from '../../../../../src/core/recipe/types.ts';
import { column, messy, num, penguins, reference, table, txt, values } from '../helpers.ts';

const step = (columns: string[], keep: DedupeStep['keep']): DedupeStep => ({ id: 'd', kind: 'dedupe', columns, keep });

describe('dedupe against pandas drop_duplicates', () => {
  const t = messy();
  const cases: [keyof typeof reference.dedupe, string[], DedupeStep['keep']][] = [
    ['all_first', [], 'first'],
    ['all_last', [], 'last'],
    ['city_first', ['city'], 'first'],
    ['city_age_last', ['city', 'age'], 'last'],
  ];
  for (const [key, columns, keep] of cases) {
    it(`keeps the rows pandas keeps (${key})`, () => {
      const cols = columns.length ? columns.map((c) => column(t, c)) : t.columns;
      expect(Array.from(uniqueRows(t.rowCount, cols, keep))).toEqual(reference.dedupe[key]);
    });
  }

  it('finds no duplicates in the penguins', () => {
    const out = applyStep(penguins(), step([], 'first'), 0);
    expect(out.report.rowsAfter).toBe(reference.penguins.duplicates_kept);
    expect(out.report.notes).toEqual(['No duplicate rows.']);
  });
});

describe('dedupe', () => {
  it('treats missing as equal to missing and -0 as 0, and keeps the table order', () => {
    const t = table(num('x', [NaN, 0, NaN, -0, 1]), txt('c', [null, 'a', null, 'a', 'a']));
    const out = dedupeStep.apply(t, step([], 'last'), 'fit');
    expect(Array.from(out.kept!)).toEqual([2, 3, 4]);
    expect(Array.from(values(out.table, 'x'))).toEqual([NaN, -0, 1]);
  });

  it('collapses an all-missing column to one row, and leaves an empty table empty', () => {
    expect(Array.from(uniqueRows(4, [num('e', [NaN, NaN, NaN, NaN])], 'first'))).toEqual([0]);
    expect(dedupeStep.apply(table(num('x', [])), step([], 'first'), 'fit').table.rowCount).toBe(0);
  });

  it('agrees with a string-keyed count on many rows with hash collisions likely', () => {
    const n = 20000;
    const a = Array.from({ length: n }, (_, i) => (i * 7919) % 37);
    const b = Array.from({ length: n }, (_, i) => ((i * 104729) % 11) / 2);
    const got = uniqueRows(n, [num('a', a), num('b', b)], 'first');
    const seen = new Set<string>();
    const want: number[] = [];
    for (let i = 0; i < n; i++) {
      const k = `${a[i]}|${b[i]}`;
      if (!seen.has(k)) {
        seen.add(k);
        want.push(i);
      }
    }
    expect(Array.from(got)).toEqual(want);
  });

  it('names an unknown column', () => {
    expect(() => dedupeStep.schema([{ name: 'x', type: 'float' }], step(['y'], 'first'))).toThrow(/no column "y"/);
  });
});
