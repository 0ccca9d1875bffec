import { describe, expect, it } from 'vitest';
import { profileTable } from '../../../../src/core/profile/profile-table.ts';
import type { Alert, ColumnProfile, Profile } from '../../../../src/core/profile/types.ts';
import { fixesForAlerts, fixForAlert } from '../../../../src/core/recipe/alert-fixes.ts';
import { applyRecipe } from '../../../../src/core/recipe/apply.ts';
import { messy, num, table } from './helpers.ts';

describe('fixesForAlerts on the messy fixture', () => {
  const t = messy();
  const profile = profileTable(t);
  const fixes = fixesForAlerts(profile);
  const find = (type: string, column?: string) => fixes.find((f) => f.alert.type === type && f.alert.column === column);

  it('offers an impute for missing numbers (median) and categories (mode), with the share in the label', () => {
    const income = find('MISSING', 'income')!;
    expect(income.step).toMatchObject({ kind: 'impute', columns: ['income'], method: 'median' });
    expect(income.label).toBe(`Impute the ${Math.round((39 / 310) * 100)}% missing in income with the median`);
    expect(income.short).toBe('Impute with median');
    expect(find('MISSING', 'city')!.step).toMatchObject({ kind: 'impute', method: 'mode' });
    expect(find('MISSING', 'city')!.index).toBe(profile.alerts.findIndex((a) => a.type === 'MISSING' && a.column === 'city'));
  });

  it('offers merge for dirty categories and dedupe for duplicates', () => {
    expect(find('DIRTY_CATEGORY', 'city')!.step).toMatchObject({ kind: 'merge', column: 'city', auto: true });
    const dup = find('DUPLICATES')!;
    expect(dup.step).toMatchObject({ kind: 'dedupe', columns: [], keep: 'first' });
    expect(dup.label).toBe(`Remove the ${profile.duplicates} duplicate rows`);
  });

  it('makes the alerts go away once its steps are applied', () => {
    const chosen = fixes.filter((f) => ['MISSING', 'DIRTY_CATEGORY', 'DUPLICATES', 'INFINITE'].includes(f.alert.type) && f.alert.column !== 'empty');
    // The all-empty column has no median: its fix (and only its) would fail, so it is dropped instead.
    const steps = [{ id: 'drop-empty', kind: 'drop' as const, columns: ['empty'] }, ...chosen.map((f) => f.step)];
    const after = profileTable(applyRecipe(t, { version: 1, steps }).table);
    const left = after.alerts.filter((a) => ['MISSING', 'DIRTY_CATEGORY', 'DUPLICATES', 'INFINITE'].includes(a.type));
    expect(left).toEqual([]);
  });

  it('gives every step its own id', () => {
    expect(new Set(fixes.map((f) => f.step.id)).size).toBe(fixes.length);
  });
});

describe('fixForAlert', () => {
  const col = (over: Partial<ColumnProfile>): ColumnProfile => ({ name: 'x', type: 'float', count: 1, missing: 0, missingShare: 0, distinct: 1, distinctShare: 1, unique: 1, memoryBytes: 8, ...over });
  const alert = (type: Alert['type'], value?: number): Alert => ({ type, column: 'x', value, message: '' });
  const p = { duplicates: 0 } as Pick<Profile, 'duplicates'>;

  it('drops a constant column, and an identifier but not a unique measurement', () => {
    expect(fixForAlert(alert('CONSTANT'), col({}), p)).toMatchObject({ label: 'Drop x (a single value)', step: { kind: 'drop', columns: ['x'] } });
    expect(fixForAlert(alert('UNIQUE'), col({ type: 'identifier' }), p)?.step).toMatchObject({ kind: 'drop' });
    expect(fixForAlert(alert('UNIQUE'), col({ type: 'integer' }), p)?.label).toBe('Drop x (an identifier)');
    expect(fixForAlert(alert('UNIQUE'), col({ type: 'float' }), p)).toBeNull();
  });

  it('derives log1p for a skewed column that stays above -1, quoting names as needed', () => {
    const numeric = { min: 0 } as ColumnProfile['numeric'];
    const fix = fixForAlert({ type: 'SKEWED', column: 'Body Mass (g)', value: 25, message: '' }, col({ name: 'Body Mass (g)', numeric }), p);
    expect(fix?.step).toMatchObject({ kind: 'derive', name: 'Body Mass (g)', expression: 'log1p(`Body Mass (g)`)' });
    expect(fixForAlert(alert('SKEWED', 25), col({ numeric: { min: -5 } as ColumnProfile['numeric'] }), p)).toBeNull();
  });

  it('replaces infinities (and gaps) with the median, parses text dates, and gives the previous value for dates', () => {
    expect(fixForAlert(alert('INFINITE', 0.05), col({ missing: 2 }), p)).toMatchObject({
      label: 'Replace the 5.0% infinite and the missing values in x with the median',
      step: { kind: 'impute', method: 'median', infinite: true },
    });
    expect(fixForAlert(alert('TYPE_DATE', 0.95), col({ type: 'categorical' }), p)?.step).toMatchObject({ kind: 'parse-dates', order: 'auto' });
    expect(fixForAlert(alert('MISSING', 0.2), col({ type: 'datetime' }), p)?.step).toMatchObject({ method: 'ffill' });
  });

  it('offers nothing for alerts without a safe step', () => {
    for (const type of ['HIGH_CORRELATION', 'IMBALANCE', 'HIGH_CARDINALITY', 'ZEROS', 'UNIFORM', 'EMPTY', 'CONSTANT_LENGTH'] as const) {
      expect(fixForAlert(alert(type), col({}), p)).toBeNull();
    }
  });

  it('fixes the alerts of a table with an infinite and a constant column', () => {
    const t = table(num('inf', [1, Infinity, 2, 3, 4, 5, 6, 7, 8, 9]), num('k', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
    const fixes = fixesForAlerts(profileTable(t));
    expect(fixes.map((f) => f.step.kind).sort()).toEqual(['drop', 'impute']);
    const after = profileTable(applyRecipe(t, { version: 1, steps: fixes.map((f) => f.step) }).table);
    expect(after.alerts.filter((a) => a.type === 'INFINITE' || a.type === 'CONSTANT')).toEqual([]);
  });
});
