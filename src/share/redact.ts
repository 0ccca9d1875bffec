// Outputs without the raw data they quote (sample rows, example values), for files and links shared without data.
import type { OutputKind } from '../notebook/graph';
import type { DatasetOutput } from '../cells/types';
import type { Profile } from '../core/profile/types';
import type { SuiteResult } from '../core/quality/types';

/**
 * The part of a cell kind redaction needs. The output's kind decides first, since every cell producing
 * 'dataset', 'profile' or 'quality' returns that kind's shape (DatasetOutput, Profile, SuiteResult);
 * then the kind's own `redact`, when it has one, removes what else it quotes.
 */
export interface RedactableKind {
  produces: OutputKind | null;
  redact?: (value: unknown) => unknown;
}

/** What the share dialog says is left out when data is not included. */
export const LEFT_OUT_WITHOUT_DATA =
  'the datasets and uploaded files, the first rows a Data cell shows, the profile’s first and last rows and duplicate rows, and example values (invalid values, values failing a quality rule)';

/** The value with every quoted data row or cell value removed; aggregates (counts, statistics, charts) stay. */
export function withoutRawData(value: unknown, kind: RedactableKind): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  const base = byOutputKind(value, kind.produces);
  // A kind's own redact removes what only it knows about (a Code cell's logs), after the defaults.
  return kind.redact ? kind.redact(base) : base;
}

function byOutputKind(value: object, produces: OutputKind | null): unknown {
  switch (produces) {
    case 'dataset':
      return redactDataset(value as DatasetOutput);
    case 'profile':
      return redactProfile(value as Profile);
    case 'quality':
      return redactQuality(value as SuiteResult);
    default:
      return value;
  }
}

function redactDataset(o: DatasetOutput): DatasetOutput {
  return {
    ...o,
    head: [],
    columns: Array.isArray(o.columns) ? o.columns.map((c) => (c.invalid ? { ...c, invalid: { ...c.invalid, examples: [] } } : c)) : o.columns,
  };
}

function redactProfile(p: Profile): Profile {
  return {
    ...p,
    head: [],
    tail: [],
    duplicateRows: [],
    columns: Array.isArray(p.columns) ? p.columns.map((c) => (c.invalid ? { ...c, invalid: { ...c.invalid, examples: [] } } : c)) : p.columns,
  };
}

function redactQuality(r: SuiteResult): SuiteResult {
  if (!Array.isArray(r.results)) return r;
  return { ...r, results: r.results.map((x) => (Array.isArray(x.examples) ? { ...x, examples: [] } : x)) };
}
