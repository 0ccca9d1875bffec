import { describe, expect, it } from 'vitest';
import { applyStep } from '../../../../../src/core/recipe/apply.ts';
import { castStep } from '../../../../../src/core/recipe/steps/cast.ts';
import type { CastStep } from '../../../../../src/core/recipe/types.ts';
import type { ColumnType } from '../../../../../src/core/table/table.ts';
import { column, messy, num, reference, refNumber, table, texts, txt, values } from '../helpers.ts';

const step = (name: string, to: ColumnType): CastStep => ({ id: 'c', kind: 'cast', column: name, to });

describe('cast against pandas to_numeric(errors="coerce")', () => {
  it('reads the same numbers and counts the same failures, keeping the first 20 with their rows', () => {
    const t = messy();
    const out = applyStep(t, step('code', 'float'), 0);
    expect(Array.from(values(out.table, 'code'))).toEqual(reference.cast.values.map(refNumber));
    expect(out.report.failures?.count).toBe(reference.cast.failures);
    const raw = texts(t, 'code');
    expect(out.report.failures?.examples.length).toBe(20);
    for (const e of out.report.failures!.examples) expect(raw[e.row]).toBe(e.text);
    // The column carries them too, as a loaded column carries its invalid cells.
    expect(column(out.table, 'code').invalid?.count).toBe(reference.cast.failures);
  });
});

describe('cast', () => {
  it('casts text to integer, failing fractions and words', () => {
    const out = castStep.apply(table(txt('s', ['1', '2.5', ' 3 ', 'x', null, 'NA', '1e2'])), step('s', 'integer'), 'fit');
    expect(Array.from(values(out.table, 's'))).toEqual([1, NaN, 3, NaN, NaN, NaN, 100]);
    expect(out.failures).toEqual({ count: 2, examples: [{ row: 1, text: '2.5' }, { row: 3, text: 'x' }] });
    expect(column(out.table, 's').type).toBe('integer');
  });

  it('casts text and numbers to boolean', () => {
    const t = table(txt('s', ['true', 'No', '1', 'maybe']), num('n', [0, 1, 2, NaN]));
    expect(Array.from(values(castStep.apply(t, step('s', 'boolean'), 'fit').table, 's'))).toEqual([1, 0, 1, NaN]);
    const n = castStep.apply(t, step('n', 'boolean'), 'fit');
    expect(Array.from(values(n.table, 'n'))).toEqual([0, 1, NaN, NaN]);
    expect(n.failures).toEqual({ count: 1, examples: [{ row: 2, text: '2' }] });
  });

  it('casts a float column to integer, failing values with a fraction', () => {
    const out = castStep.apply(table(num('x', [1, 2.5, NaN, -3])), step('x', 'integer'), 'fit');
    expect(Array.from(values(out.table, 'x'))).toEqual([1, NaN, NaN, -3]);
    expect(out.failures?.count).toBe(1);
  });

  it('casts numbers and dates to categories as the table shows them', () => {
    const t = table(num('x', [1.5, NaN, 1.5, 2]), num('d', [Date.UTC(2020, 0, 2), NaN, 0, 0], 'datetime'), num('b', [1, 0, NaN, 1], 'boolean'));
    expect(texts(castStep.apply(t, step('x', 'categorical'), 'fit').table, 'x')).toEqual(['1.5', null, '1.5', '2']);
    expect(texts(castStep.apply(t, step('d', 'text'), 'fit').table, 'd')).toEqual(['2020-01-02', null, '1970-01-01', '1970-01-01']);
    expect(texts(castStep.apply(t, step('b', 'categorical'), 'fit').table, 'b')).toEqual(['true', 'false', null, 'true']);
  });

  it('casts text to dates, detecting day-first order and recording it for serving', () => {
    const t = table(txt('s', ['25/12/2020', '01/02/2021', '2021-03-04', 'later']));
    const out = castStep.apply(t, step('s', 'datetime'), 'fit');
    expect(Array.from(values(out.table, 's'))).toEqual([Date.UTC(2020, 11, 25), Date.UTC(2021, 1, 1), Date.UTC(2021, 2, 4), NaN]);
    expect(out.step.fitted).toEqual({ order: 'dmy' });
    // Serving reads 01/02 the same way even though nothing in the new rows says so.
    const served = castStep.apply(table(txt('s', ['03/04/2022'])), out.step, 'serve');
    expect(Array.from(values(served.table, 's'))).toEqual([Date.UTC(2022, 3, 3)]);
  });

  it('relabels a text column without touching codes, and notes a cast to the same type', () => {
    const t = table(txt('s', ['a', 'b']));
    const out = castStep.apply(t, step('s', 'identifier'), 'fit');
    expect(column(out.table, 's').type).toBe('identifier');
    expect(castStep.apply(t, step('s', 'categorical'), 'fit').notes).toEqual(['"s" is already categorical.']);
  });

  it('refuses numbers to dates and unknown types', () => {
    expect(() => castStep.schema([{ name: 'x', type: 'integer' }], step('x', 'datetime'))).toThrow(/do not say which date/);
    expect(() => castStep.schema([{ name: 'x', type: 'integer' }], step('x', 'money' as ColumnType))).toThrow(/not a column type/);
    expect(castStep.schema([{ name: 'x', type: 'integer' }], step('x', 'text'))).toEqual([{ name: 'x', type: 'text' }]);
  });
});
