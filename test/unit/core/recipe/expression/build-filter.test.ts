import { describe, expect, it } from 'vitest';
import { buildFilter, opsFor, quoteText, rowExpression } from '../../../../../src/core/recipe/expression/build-filter.ts';
import { evaluateExpression } from '../../../../../src/core/recipe/expression/evaluate.ts';
import { BOOL_MISSING } from '../../../../../src/core/recipe/expression/vectors.ts';
import type { ColumnInfo } from '../../../../../src/core/recipe/types.ts';
import { num, table, txt } from '../helpers.ts';

const columns: ColumnInfo[] = [
  { name: 'Body Mass (g)', type: 'float' },
  { name: 'Island', type: 'categorical' },
  { name: 'seen', type: 'datetime' },
  { name: 'ok', type: 'boolean' },
];

describe('filter builder', () => {
  it('writes each row as a condition, quoting names and texts', () => {
    expect(rowExpression({ column: 'Body Mass (g)', op: '>', value: ' 4000 ' }, columns)).toBe('`Body Mass (g)` > 4000');
    expect(rowExpression({ column: 'Island', op: '==', value: "Dream's" }, columns)).toBe("Island == 'Dream\\'s'");
    expect(rowExpression({ column: 'Island', op: 'in', value: 'Dream, Biscoe,' }, columns)).toBe("Island in ['Dream', 'Biscoe']");
    expect(rowExpression({ column: 'Body Mass (g)', op: 'not in', value: '1,2.5' }, columns)).toBe('`Body Mass (g)` not in [1, 2.5]');
    expect(rowExpression({ column: 'Island', op: 'contains', value: 'ream' }, columns)).toBe("contains(Island, 'ream')");
    expect(rowExpression({ column: 'Island', op: 'starts with', value: 'D' }, columns)).toBe("starts_with(Island, 'D')");
    expect(rowExpression({ column: 'seen', op: '>=', value: '2020-01-01' }, columns)).toBe("seen >= '2020-01-01'");
    expect(rowExpression({ column: 'ok', op: '==', value: 'True' }, columns)).toBe('ok == true');
    expect(rowExpression({ column: 'Island', op: 'is not null', value: 'ignored' }, columns)).toBe('Island is not null');
  });

  it('joins rows with and / or', () => {
    const rows = [
      { column: 'Body Mass (g)', op: '>' as const, value: '4000' },
      { column: 'Island', op: '!=' as const, value: 'Dream' },
    ];
    expect(buildFilter(rows, 'or', columns)).toBe("`Body Mass (g)` > 4000 or Island != 'Dream'");
  });

  it('says what is wrong with a row', () => {
    expect(() => rowExpression({ column: 'Body Mass (g)', op: '>', value: 'heavy' }, columns)).toThrow(/not a number/);
    expect(() => rowExpression({ column: '', op: '>', value: '1' }, columns)).toThrow(/Choose a column/);
    expect(() => rowExpression({ column: 'ok', op: '==', value: 'yes' }, columns)).toThrow(/true or false/);
    expect(() => rowExpression({ column: 'Island', op: 'in', value: ' , ' }, columns)).toThrow(/List the values/);
    expect(() => buildFilter([], 'and', columns)).toThrow(/Add a condition/);
  });

  it('writes text that evaluates to the condition it describes', () => {
    const t = table(num('Body Mass (g)', [3000, 5000, NaN]), txt('Island', ["Dream's", 'Biscoe', 'Dream\\x']));
    const text = buildFilter(
      [
        { column: 'Body Mass (g)', op: '<', value: '4000' },
        { column: 'Island', op: '==', value: 'Dream\\x' },
      ],
      'or',
      t.columns,
    );
    const v = evaluateExpression(text, t).vec as { values: Uint8Array };
    expect(Array.from(v.values)).toEqual([1, 0, 1]);
    expect(BOOL_MISSING).toBe(2);
    expect(quoteText("a'b\\c")).toBe("'a\\'b\\\\c'");
  });

  it('offers operators that fit the column type', () => {
    expect(opsFor('float')).toContain('>=');
    expect(opsFor('categorical')).toContain('contains');
    expect(opsFor('boolean')).not.toContain('<');
    expect(opsFor('datetime')).not.toContain('in');
  });
});
