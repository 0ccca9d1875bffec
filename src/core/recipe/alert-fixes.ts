// One-click fixes for profile alerts: the recipe step that deals with each alert that has an obvious remedy.

import type { Alert, ColumnProfile, Profile } from '../profile/types.ts';
import { quoteName } from './expression/check.ts';
import { newStepId } from './step-id.ts';
import type { Step } from './types.ts';

export interface AlertFix {
  /** Index of the alert in profile.alerts. */
  index: number;
  alert: Alert;
  /** What the button does, in a sentence ("Impute the 12% missing in income with the median"). */
  label: string;
  /** The same in a few words, for the button itself ("Impute with median"). */
  short: string;
  step: Step;
}

function share(value: number | undefined): string {
  if (value === undefined) return '';
  const p = value * 100;
  if (p > 0 && p < 0.1) return '< 0.1% ';
  return `${p >= 10 ? Math.round(p) : p.toFixed(1)}% `;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** The fix for one alert, or null when it has none a step can make safely. */
export function fixForAlert(alert: Alert, column: ColumnProfile | undefined, profile: Pick<Profile, 'duplicates'>): Omit<AlertFix, 'index' | 'alert'> | null {
  const id = newStepId();
  const name = alert.column;
  switch (alert.type) {
    case 'MISSING': {
      if (!name || !column) return null;
      const numeric = column.type === 'integer' || column.type === 'float';
      // A date's gaps are better filled by the value before them than by a typical date.
      const method = numeric ? 'median' : column.type === 'datetime' ? 'ffill' : 'mode';
      const how = { median: 'the median', mode: 'the most common value', ffill: 'the previous value' }[method];
      return {
        label: `Impute the ${share(alert.value)}missing in ${name} with ${how}`,
        short: { median: 'Impute with median', mode: 'Impute with mode', ffill: 'Fill forward' }[method],
        step: { id, kind: 'impute', columns: [name], method },
      };
    }
    case 'DIRTY_CATEGORY':
      if (!name) return null;
      return {
        short: 'Merge look-alikes',
        label: `Merge the look-alike values in ${name}${alert.value ? ` (${count(alert.value)} ${alert.value === 1 ? 'group' : 'groups'})` : ''}`,
        step: { id, kind: 'merge', column: name, auto: true, mapping: {} },
      };
    case 'DUPLICATES':
      return {
        short: 'Remove duplicates',
        label: `Remove the ${count(profile.duplicates)} duplicate ${profile.duplicates === 1 ? 'row' : 'rows'}`,
        step: { id, kind: 'dedupe', columns: [], keep: 'first' },
      };
    case 'CONSTANT':
      if (!name) return null;
      return { short: 'Drop column', label: `Drop ${name} (a single value)`, step: { id, kind: 'drop', columns: [name] } };
    case 'UNIQUE':
      // A float that differs in every row is usually a measurement, not an identifier.
      if (!name || !column || column.type === 'float' || column.type === 'datetime') return null;
      return { short: 'Drop column', label: `Drop ${name} (an identifier)`, step: { id, kind: 'drop', columns: [name] } };
    case 'SKEWED': {
      if (!name || !column?.numeric) return null;
      // log1p needs values above −1; a column reaching that low is left to the user.
      if (!(column.numeric.min > -1)) return null;
      return {
        short: 'Apply log1p',
        label: `Replace ${name} with log1p(${name}) to tame the skew`,
        step: { id, kind: 'derive', name, expression: `log1p(${quoteName(name)})` },
      };
    }
    case 'INFINITE':
      if (!name || !column) return null;
      return {
        short: 'Replace with median',
        label: `Replace the ${share(alert.value)}infinite ${column.missing ? 'and the missing ' : ''}values in ${name} with the median`,
        step: { id, kind: 'impute', columns: [name], method: 'median', infinite: true },
      };
    case 'TYPE_DATE':
      if (!name) return null;
      return { short: 'Parse as dates', label: `Parse ${name} as dates`, step: { id, kind: 'parse-dates', column: name, order: 'auto' } };
    default:
      return null;
  }
}

/** A fix for each alert of the profile that has one, in the profile's alert order. */
export function fixesForAlerts(profile: Profile): AlertFix[] {
  const byName = new Map(profile.columns.map((c) => [c.name, c]));
  const fixes: AlertFix[] = [];
  profile.alerts.forEach((alert, index) => {
    const fix = fixForAlert(alert, alert.column ? byName.get(alert.column) : undefined, profile);
    if (fix) fixes.push({ index, alert, ...fix });
  });
  return fixes;
}
