import { describe, expect, it } from 'vitest';
import { validateTable } from '../../../../src/core/code/validate-table.ts';
import type { Table } from '../../../../src/core/table/table.ts';
import { userError } from '../../helpers/user-error.ts';

function good(): Table {
  return {
    rowCount: 2,
    columns: [
      { kind: 'numeric', name: 'x', type: 'float', values: new Float64Array([1, NaN]) },
      { kind: 'coded', name: 'c', type: 'categorical', codes: new Int32Array([0, -1]), dictionary: ['a'] },
    ],
  };
}

/** A copy of the good table with one thing changed. */
function broken(change: (t: Record<string, any>) => void): unknown { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests build malformed values on purpose
  const t = good() as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  change(t);
  return t;
}

describe('validateTable', () => {
  it('passes a well-formed table and keeps only the fields a Table has', () => {
    const input = broken((t) => {
      t.extra = 'x';
      t.columns[0].invalid = { count: 1, examples: [] };
      t.columns[1].sneaky = () => 1;
    });
    const out = validateTable(input);
    expect(out).toEqual(good());
    expect(Object.keys(out.columns[1]).sort()).toEqual(['codes', 'dictionary', 'kind', 'name', 'type']);
  });

  it('accepts a table with no rows', () => {
    const t: Table = { rowCount: 0, columns: [{ kind: 'numeric', name: 'x', type: 'integer', values: new Float64Array(0) }] };
    expect(validateTable(t).rowCount).toBe(0);
  });

  const cases: [string, (t: Record<string, any>) => void, RegExp][] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    ['a negative row count', (t) => (t.rowCount = -1), /row count/],
    ['a fractional row count', (t) => (t.rowCount = 1.5), /row count/],
    ['no columns', (t) => (t.columns = []), /no columns/],
    ['a column that is not an object', (t) => (t.columns[0] = 7), /column 1 is not a column/],
    ['an empty name', (t) => (t.columns[0].name = ''), /no usable name/],
    ['a name that is not text', (t) => (t.columns[0].name = 5), /no usable name/],
    ['an unknown kind', (t) => (t.columns[0].kind = 'blob'), /neither numbers nor texts/],
    ['a type that does not fit the kind', (t) => (t.columns[0].type = 'categorical'), /unknown type/],
    ['values of the wrong class', (t) => (t.columns[0].values = new Float32Array(2)), /does not hold 2 numbers/],
    ['values of the wrong length', (t) => (t.columns[0].values = new Float64Array(3)), /does not hold 2 numbers/],
    ['codes of the wrong class', (t) => (t.columns[1].codes = [0, -1]), /does not hold 2 codes/],
    ['a code past the dictionary', (t) => (t.columns[1].codes = new Int32Array([0, 1])), /row 2/],
    ['a code below -1', (t) => (t.columns[1].codes = new Int32Array([-2, 0])), /row 1/],
    ['a dictionary with a number', (t) => (t.columns[1].dictionary = [1]), /dictionary/],
    ['a repeated name', (t) => (t.columns[1].name = 'x'), /“x” is used twice/],
  ];
  for (const [what, change, message] of cases) {
    it(`refuses ${what}`, () => {
      const err = userError(() => validateTable(broken(change)));
      expect(err.message).toMatch(/not a valid table/);
      expect(err.message).toMatch(message);
    });
  }

  it('refuses values that are not tables at all', () => {
    expect(userError(() => validateTable(null)).message).toMatch(/not an object/);
    expect(userError(() => validateTable('table')).message).toMatch(/not an object/);
  });
});
