// What each rule type takes: its fields, which are required, and how it judges (each value or one figure).
// The suite parser, the rule editor and the descriptions all read this table.

import type { RuleType } from './types.ts';

export type FieldKind =
  /** A column name. */
  | 'column'
  /** A list of column names. */
  | 'columns'
  /** A number, or for between on a datetime column a date. */
  | 'bound'
  /** A number. */
  | 'number'
  /** A whole number ≥ 0. */
  | 'count'
  | 'values'
  | 'pattern'
  | 'flag'
  | 'choice'
  | 'mostly';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  label: string;
  required?: boolean;
  choices?: readonly string[];
  /** The value a missing field means (shown in the editor). */
  default?: string | boolean;
}

export interface RuleSpec {
  type: RuleType;
  label: string;
  /** One sentence for the editor, naming what passes. */
  description: string;
  /** 'each': judged value by value (mostly applies); 'figure': one figure of a column or the table. */
  judges: 'each' | 'figure';
  fields: readonly FieldSpec[];
  /** Ranged rules need min, max or both. */
  ranged?: boolean;
}

const COLUMN: FieldSpec = { name: 'column', kind: 'column', label: 'Column', required: true };
const MOSTLY: FieldSpec = { name: 'mostly', kind: 'mostly', label: 'Mostly' };
const STRICT: FieldSpec[] = [
  { name: 'strict_min', kind: 'flag', label: 'Exclude min', default: false },
  { name: 'strict_max', kind: 'flag', label: 'Exclude max', default: false },
];
const range = (kind: FieldKind): FieldSpec[] => [
  { name: 'min', kind, label: 'Min' },
  { name: 'max', kind, label: 'Max' },
];

export const COMPOUND_IGNORE = ['all_values_are_missing', 'any_value_is_missing', 'never'] as const;
export const PAIR_IGNORE = ['both_values_are_missing', 'either_value_is_missing', 'neither'] as const;

export const RULE_SPECS: readonly RuleSpec[] = [
  { type: 'column_exists', label: 'Column exists', description: 'The column is in the data.', judges: 'figure', fields: [COLUMN] },
  { type: 'not_null', label: 'Not null', description: 'Values are present (not missing).', judges: 'each', fields: [COLUMN, MOSTLY] },
  {
    type: 'unique',
    label: 'Unique',
    description: 'No present value occurs twice; every copy of a repeated value fails.',
    judges: 'each',
    fields: [COLUMN, MOSTLY],
  },
  {
    type: 'in_set',
    label: 'In set',
    description: 'Present values are among the listed values.',
    judges: 'each',
    fields: [COLUMN, { name: 'values', kind: 'values', label: 'Values', required: true }, MOSTLY],
  },
  {
    type: 'not_in_set',
    label: 'Not in set',
    description: 'Present values are none of the listed values.',
    judges: 'each',
    fields: [COLUMN, { name: 'values', kind: 'values', label: 'Values', required: true }, MOSTLY],
  },
  {
    type: 'between',
    label: 'Between',
    description: 'Present values lie between min and max (inclusive unless excluded).',
    judges: 'each',
    ranged: true,
    fields: [COLUMN, ...range('bound'), ...STRICT, MOSTLY],
  },
  {
    type: 'regex',
    label: 'Matches pattern',
    description: 'Present values contain a match of the pattern (anchor it with ^…$ to match whole values).',
    judges: 'each',
    fields: [COLUMN, { name: 'pattern', kind: 'pattern', label: 'Pattern', required: true }, MOSTLY],
  },
  {
    type: 'length_between',
    label: 'Length between',
    description: 'Present values are between min and max characters long (inclusive).',
    judges: 'each',
    ranged: true,
    fields: [COLUMN, ...range('count'), MOSTLY],
  },
  {
    type: 'row_count_between',
    label: 'Row count between',
    description: 'The table has between min and max rows.',
    judges: 'figure',
    ranged: true,
    fields: [...range('count'), ...STRICT],
  },
  {
    type: 'mean_between',
    label: 'Mean between',
    description: 'The mean of the present values lies between min and max.',
    judges: 'figure',
    ranged: true,
    fields: [COLUMN, ...range('number'), ...STRICT],
  },
  {
    type: 'median_between',
    label: 'Median between',
    description: 'The median of the present values lies between min and max.',
    judges: 'figure',
    ranged: true,
    fields: [COLUMN, ...range('number'), ...STRICT],
  },
  {
    type: 'std_between',
    label: 'Std between',
    description: 'The sample standard deviation (n − 1) of the present values lies between min and max.',
    judges: 'figure',
    ranged: true,
    fields: [COLUMN, ...range('number'), ...STRICT],
  },
  {
    type: 'distinct_count_between',
    label: 'Distinct count between',
    description: 'The number of distinct present values lies between min and max.',
    judges: 'figure',
    ranged: true,
    fields: [COLUMN, ...range('count'), ...STRICT],
  },
  {
    type: 'compound_unique',
    label: 'Unique together',
    description: 'No combination of values of these columns occurs on two rows.',
    judges: 'each',
    fields: [
      { name: 'columns', kind: 'columns', label: 'Columns', required: true },
      { name: 'ignore_row_if', kind: 'choice', label: 'Skip rows where', choices: COMPOUND_IGNORE, default: 'all_values_are_missing' },
      MOSTLY,
    ],
  },
  {
    type: 'column_pair_greater',
    label: 'Greater than column',
    description: 'On each row, the value of the column is greater than that of the other column.',
    judges: 'each',
    fields: [
      COLUMN,
      { name: 'other', kind: 'column', label: 'Other column', required: true },
      { name: 'or_equal', kind: 'flag', label: 'Or equal', default: false },
      { name: 'ignore_row_if', kind: 'choice', label: 'Skip rows where', choices: PAIR_IGNORE, default: 'both_values_are_missing' },
      MOSTLY,
    ],
  },
];

const byType = new Map(RULE_SPECS.map((s) => [s.type, s]));

export const RULE_TYPES: readonly RuleType[] = RULE_SPECS.map((s) => s.type);

export function ruleSpec(type: RuleType): RuleSpec {
  const spec = byType.get(type);
  if (!spec) throw new Error(`No rule type ${type}`);
  return spec;
}

export function isRuleType(type: unknown): type is RuleType {
  return typeof type === 'string' && byType.has(type as RuleType);
}
