// How the report names each alert type and how serious it is: red for what breaks or misleads a model
// as the data stands, amber for what deserves a look, grey for facts worth knowing.
import type { Alert, AlertType } from '../../core/profile/types';

export type Severity = 'problem' | 'warning' | 'info';

export const ALERT_KINDS: Record<AlertType, { label: string; severity: Severity }> = {
  EMPTY: { label: 'Empty', severity: 'problem' },
  CONSTANT: { label: 'Constant', severity: 'problem' },
  INFINITE: { label: 'Infinite values', severity: 'problem' },
  DUPLICATES: { label: 'Duplicate rows', severity: 'problem' },
  HIGH_CORRELATION: { label: 'High correlation', severity: 'warning' },
  MISSING: { label: 'Missing values', severity: 'warning' },
  SKEWED: { label: 'Skewed', severity: 'warning' },
  IMBALANCE: { label: 'Imbalanced', severity: 'warning' },
  HIGH_CARDINALITY: { label: 'High cardinality', severity: 'warning' },
  DIRTY_CATEGORY: { label: 'Dirty categories', severity: 'warning' },
  TYPE_DATE: { label: 'Dates as text', severity: 'warning' },
  ZEROS: { label: 'Many zeros', severity: 'info' },
  UNIQUE: { label: 'Unique', severity: 'info' },
  UNIFORM: { label: 'Uniform', severity: 'info' },
  CONSTANT_LENGTH: { label: 'Constant length', severity: 'info' },
};

export const SEVERITIES: { id: Severity; title: string; hint: string }[] = [
  { id: 'problem', title: 'Problems', hint: 'will break or mislead a model as the data stands' },
  { id: 'warning', title: 'Warnings', hint: 'worth a look before modelling' },
  { id: 'info', title: 'Notes', hint: 'facts about the data worth knowing' },
];

/** An unknown type (from a newer profiler) still shows, as a note. */
export function alertKind(type: string): { label: string; severity: Severity } {
  return ALERT_KINDS[type as AlertType] ?? { label: type.replace(/_/g, ' ').toLowerCase(), severity: 'info' };
}

const RANK: Record<Severity, number> = { problem: 0, warning: 1, info: 2 };

/** The most serious severity among alerts (for a column's card border). */
export function worstSeverity(alerts: Alert[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const a of alerts) {
    const s = alertKind(a.type).severity;
    if (!worst || RANK[s] < RANK[worst]) worst = s;
  }
  return worst;
}
