import { describe, expect, it } from 'vitest';
import { applyStep } from '../../../../../src/core/recipe/apply.ts';
import { dropStep, renameStep, selectStep } from '../../../../../src/core/recipe/steps/columns-select.ts';
import { num, table, txt } from '../helpers.ts';

const t = () => table(num('a', [1, 2]), txt('b', ['x', 'y']), num('c', [3, 4]));

describe('select, drop and rename', () => {
  it('selects columns in the order asked, sharing their arrays', () => {
    const src = t();
    const out = applyStep(src, { id: 's', kind: 'select', columns: ['c', 'a'] }, 0);
    expect(out.table.columns.map((c) => c.name)).toEqual(['c', 'a']);
    expect(out.table.columns[0]).toBe(src.columns[2]);
    expect(out.report.columnsRemoved).toEqual(['b']);
  });

  it('drops columns, and notes when none are left', () => {
    const out = applyStep(t(), { id: 'd', kind: 'drop', columns: ['b'] }, 0);
    expect(out.table.columns.map((c) => c.name)).toEqual(['a', 'c']);
    expect(out.report).toMatchObject({ columnsRemoved: ['b'], columnsAdded: [], rowsAfter: 2 });
    expect(dropStep.apply(t(), { id: 'd', kind: 'drop', columns: ['a', 'b', 'c'] }, 'fit').notes).toEqual(['No columns are left.']);
  });

  it('renames in place, swaps included', () => {
    const out = applyStep(t(), { id: 'r', kind: 'rename', names: { a: 'c', c: 'a' } }, 0);
    expect(out.table.columns.map((c) => c.name)).toEqual(['c', 'b', 'a']);
    expect(out.table.columns[0].kind === 'numeric' && Array.from(out.table.columns[0].values)).toEqual([1, 2]);
    expect(renameStep.schema([{ name: 'constructor', type: 'float' }], { id: 'r', kind: 'rename', names: { constructor: 'k' } })).toEqual([{ name: 'k', type: 'float' }]);
  });

  it('refuses unknown, repeated and clashing names', () => {
    const cols = t().columns;
    expect(() => selectStep.schema(cols, { id: 's', kind: 'select', columns: ['a', 'a'] })).toThrow(/listed twice/);
    expect(() => selectStep.schema(cols, { id: 's', kind: 'select', columns: [] })).toThrow(/at least one/);
    expect(() => dropStep.schema(cols, { id: 'd', kind: 'drop', columns: ['zz'] })).toThrow(/There is no column "zz".*/);
    expect(() => renameStep.schema(cols, { id: 'r', kind: 'rename', names: { a: 'b' } })).toThrow(/two columns the name "b"/);
    expect(() => renameStep.schema(cols, { id: 'r', kind: 'rename', names: { a: ' ' } })).toThrow(/empty/);
    expect(() => renameStep.schema(cols, { id: 'r', kind: 'rename', names: { q: 'z' } })).toThrow(/no column "q"/);
    expect(() => renameStep.schema(cols, { id: 'r', kind: 'rename', names: {} })).toThrow(/Choose a column/);
  });
});
