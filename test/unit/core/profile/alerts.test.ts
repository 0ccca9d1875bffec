import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../../src/core/parse/parse-delimited.ts';
import {
  ALERT_ORDER,
  alertsFor,
  chiSquareUniformPValue,
  columnEvidence,
  looksLikeDate,
  numericUniformity,
  sortedUniformity,
  type ColumnEvidence,
} from '../../../../src/core/profile/alerts.ts';
import { sortFinite } from '../../../../src/core/profile/sort-finite.ts';
import type { Alert, AlertType, ColumnProfile, Correlations, NumericStats } from '../../../../src/core/profile/types.ts';
import type { CodedColumn, Column } from '../../../../src/core/table/table.ts';

/**
 * Each alert type is raised by a profile just past ydata-profiling's default threshold and not by one
 * at or just short of it. p-values are checked against SciPy (scripts/fixtures/dataset_reference.py):
 * relative 1e-9, or 1e-300 absolute where SciPy underflows to 0.
 */
const ROWS = 1000;

function numericStats(over: Partial<NumericStats> = {}): NumericStats {
  return {
    mean: 0,
    std: 1,
    variance: 1,
    min: -3,
    max: 3,
    range: 6,
    sum: 0,
    skewness: 0,
    kurtosis: 0,
    mad: 1,
    cv: Infinity,
    quantiles: { p5: -2, p25: -1, p50: 0, p75: 1, p95: 2 },
    iqr: 2,
    zeros: 0,
    negatives: 500,
    infinite: 0,
    monotonicity: 'none',
    common: [],
    extremes: { lowest: [], highest: [] },
    ...over,
  };
}

function column(over: Partial<ColumnProfile> = {}): ColumnProfile {
  return {
    name: 'income',
    type: 'float',
    count: ROWS,
    missing: 0,
    missingShare: 0,
    distinct: 500,
    distinctShare: 0.5,
    unique: 100,
    memoryBytes: ROWS * 8,
    numeric: numericStats(),
    ...over,
  };
}

function category(over: Partial<ColumnProfile> = {}): ColumnProfile {
  return column({
    name: 'city',
    type: 'categorical',
    distinct: 5,
    numeric: undefined,
    imbalance: 0.1,
    text: {
      length: { min: 4, mean: 6, median: 6, max: 9, histogram: [] },
      characters: { total: 6000, letters: 6000, uppercase: 1000, lowercase: 5000, digits: 0, spaces: 0, punctuation: 0, other: 0, nonAscii: 0 },
      dirty: [],
    },
    ...over,
  });
}

const noCorrelations: Correlations = {
  columns: [],
  auto: [],
  pearson: { columns: [], matrix: [] },
  spearman: { columns: [], matrix: [] },
};

function autoOf(columns: string[], auto: (number | null)[][]): Correlations {
  return { ...noCorrelations, columns, auto };
}

function types(alerts: Alert[]): AlertType[] {
  return alerts.map((a) => a.type);
}

function alertsOf(c: ColumnProfile, evidence?: ColumnEvidence): Alert[] {
  return alertsFor([c], noCorrelations, 0, ROWS, [evidence]);
}

describe('alertsFor: each type either side of its threshold', () => {
  it('EMPTY when there are no rows or no columns', () => {
    expect(types(alertsFor([], noCorrelations, 0, 0))).toEqual(['EMPTY']);
    expect(types(alertsFor([], noCorrelations, 0, 5))).toEqual(['EMPTY']);
    expect(types(alertsFor([column({ count: 1, distinct: 1 })], noCorrelations, 0, 1))).not.toContain('EMPTY');
  });

  it('DUPLICATES above 1% of rows', () => {
    const raised = alertsFor([column()], noCorrelations, 11, ROWS);
    expect(types(raised)).toContain('DUPLICATES');
    expect(raised.find((a) => a.type === 'DUPLICATES')).toMatchObject({ value: 0.011 });
    expect(raised.find((a) => a.type === 'DUPLICATES')?.message).toMatch(/^11 rows \(1\.1%\) repeat an earlier row: /);
    expect(types(alertsFor([column()], noCorrelations, 10, ROWS))).not.toContain('DUPLICATES');
  });

  it('MISSING above 1% of rows', () => {
    const raised = alertsOf(column({ missing: 120, count: 880 }));
    expect(raised).toEqual([
      {
        type: 'MISSING',
        column: 'income',
        value: 0.12,
        message: 'income is missing in 12% of rows: models need these imputed, and the gaps may not be random.',
      },
    ]);
    expect(types(alertsOf(column({ missing: 10, count: 990 })))).toEqual([]);
  });

  it('ZEROS above 1% of rows (integer and float columns)', () => {
    expect(types(alertsOf(column({ numeric: numericStats({ zeros: 11 }) })))).toEqual(['ZEROS']);
    expect(types(alertsOf(column({ numeric: numericStats({ zeros: 10 }) })))).toEqual([]);
  });

  it('INFINITE above 1% of rows', () => {
    const raised = alertsOf(column({ numeric: numericStats({ infinite: 20 }) }));
    expect(types(raised)).toEqual(['INFINITE']);
    expect(raised[0].message).toContain('income is infinite in 2.0% of rows');
    expect(types(alertsOf(column({ numeric: numericStats({ infinite: 10 }) })))).toEqual([]);
  });

  it('SKEWED when |skewness| is above 20', () => {
    expect(types(alertsOf(column({ numeric: numericStats({ skewness: 20.5 }) })))).toEqual(['SKEWED']);
    expect(types(alertsOf(column({ numeric: numericStats({ skewness: -25 }) })))).toEqual(['SKEWED']);
    expect(types(alertsOf(column({ numeric: numericStats({ skewness: 20 }) })))).toEqual([]);
    expect(types(alertsOf(column({ numeric: numericStats({ skewness: NaN }) })))).toEqual([]);
  });

  it('CONSTANT with one distinct value', () => {
    const raised = alertsOf(column({ distinct: 1 }));
    expect(types(raised)).toEqual(['CONSTANT']);
    expect(raised[0].message).toMatch(/^income holds a single value: /);
    expect(types(alertsOf(column({ distinct: 2 })))).toEqual([]);
  });

  it('UNIQUE when every row, missing ones included, has its own value', () => {
    expect(types(alertsOf(column({ distinct: ROWS })))).toEqual(['UNIQUE']);
    expect(types(alertsOf(column({ distinct: ROWS - 1, missing: 1, count: ROWS - 1 })))).toEqual([]);
  });

  it('HIGH_CARDINALITY for categoricals with more than 50 values', () => {
    expect(types(alertsOf(category({ distinct: 51 })))).toEqual(['HIGH_CARDINALITY']);
    expect(types(alertsOf(category({ distinct: 50 })))).toEqual([]);
    // Free text has many values by nature.
    expect(types(alertsOf(category({ type: 'text', distinct: 900 })))).toEqual([]);
  });

  it('IMBALANCE above 0.5 for categorical and boolean columns', () => {
    expect(types(alertsOf(category({ imbalance: 0.51 })))).toEqual(['IMBALANCE']);
    expect(types(alertsOf(column({ type: 'boolean', numeric: undefined, distinct: 2, imbalance: 0.8 })))).toEqual(['IMBALANCE']);
    expect(types(alertsOf(category({ imbalance: 0.5 })))).toEqual([]);
  });

  it('DIRTY_CATEGORY when values differ only in case, spaces or accents', () => {
    const dirty = [{ normalized: 'paris', values: ['Paris', 'paris ', 'PARIS'] }];
    const base = category();
    const raised = alertsOf(category({ text: { ...(base.text as NonNullable<ColumnProfile['text']>), dirty } }));
    expect(types(raised)).toEqual(['DIRTY_CATEGORY']);
    expect(raised[0].message).toContain('"Paris", "paris ", "PARIS"');
    expect(types(alertsOf(base))).toEqual([]);
  });

  it('CONSTANT_LENGTH when every value has one length and there is more than one value', () => {
    const base = category();
    const text = base.text as NonNullable<ColumnProfile['text']>;
    const fixed = { ...text, length: { ...text.length, min: 5, max: 5 } };
    expect(types(alertsOf(category({ text: fixed })))).toEqual(['CONSTANT_LENGTH']);
    expect(types(alertsOf(category({ text: { ...text, length: { ...text.length, min: 5, max: 6 } } })))).toEqual([]);
    expect(types(alertsOf(category({ text: fixed, distinct: 1 })))).toEqual(['CONSTANT']);
  });

  it('HIGH_CORRELATION at |r| ≥ 0.9 on auto, one alert per pair naming both', () => {
    const names = ['a', 'b', 'c'];
    const raised = alertsFor(
      [column({ name: 'a' }), column({ name: 'b' }), column({ name: 'c' })],
      autoOf(names, [
        [1, 0.95, -0.9],
        [0.95, 1, 0.899],
        [-0.9, 0.899, 1],
      ]),
      0,
      ROWS,
    );
    expect(raised.map(({ type, column: c, other, value }) => ({ type, column: c, other, value }))).toEqual([
      { type: 'HIGH_CORRELATION', column: 'a', other: 'b', value: 0.95 },
      { type: 'HIGH_CORRELATION', column: 'a', other: 'c', value: -0.9 },
    ]);
    expect(raised[0].message).toMatch(/^a and b are highly correlated \(0\.95\): /);
  });

  it('UNIFORM when the χ² p-value is above 0.999', () => {
    expect(types(alertsOf(column(), { uniformPValue: 0.9995 }))).toEqual(['UNIFORM']);
    expect(types(alertsOf(column(), { uniformPValue: 0.999 }))).toEqual([]);
  });

  it('TYPE_DATE when at least 90% of values read as dates', () => {
    expect(types(alertsOf(category(), { dateShare: 0.9 }))).toEqual(['TYPE_DATE']);
    expect(types(alertsOf(category(), { dateShare: 0.89 }))).toEqual([]);
  });

  it('names the column in every column alert', () => {
    const everything = alertsOf(
      column({ missing: 500, count: 500, numeric: numericStats({ zeros: 300, infinite: 30, skewness: 40 }) }),
      { uniformPValue: 1 },
    );
    expect(types(everything).sort()).toEqual(['INFINITE', 'MISSING', 'SKEWED', 'UNIFORM', 'ZEROS']);
    for (const a of everything) expect(a.message.startsWith('income ')).toBe(true);
  });
});

describe('alertsFor: order', () => {
  it('sorts by seriousness, then the larger figure, then table order', () => {
    const alerts = alertsFor(
      [
        column({ name: 'a', missing: 20, count: 980, numeric: numericStats({ skewness: 30 }) }),
        column({ name: 'b', missing: 300, count: 700, distinct: 1 }),
        column({ name: 'c', missing: 300, count: 700, numeric: numericStats({ infinite: 50 }) }),
      ],
      autoOf(['a', 'c'], [
        [1, 0.97],
        [0.97, 1],
      ]),
      100,
      ROWS,
    );
    expect(alerts.map((a) => `${a.type}:${a.column ?? ''}`)).toEqual([
      'INFINITE:c',
      'CONSTANT:b',
      'DUPLICATES:',
      'HIGH_CORRELATION:a',
      'MISSING:b',
      'MISSING:c',
      'MISSING:a',
      'SKEWED:a',
    ]);
    const rank = (t: AlertType): number => ALERT_ORDER.indexOf(t);
    expect(new Set(ALERT_ORDER).size).toBe(15);
    expect(rank('EMPTY')).toBe(0);
    expect(rank('UNIFORM')).toBe(14);
  });
});

interface ChiSquareReference {
  cases: { counts: number[]; pvalue: number }[];
  numeric: { name: string; values: number[]; iqr: number; bins: number; pvalue: number }[];
}
interface FixtureReference {
  uniformity: Record<string, { pvalue: number | null; iqr?: number }>;
}

const fixture = (name: string): URL => new URL(`../../../fixtures/${name}`, import.meta.url);

function closeP(actual: number | null, expected: number | null, label: string): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(actual, label).not.toBeNull();
  const a = actual as number;
  const err = Math.abs(a - expected);
  expect(err <= 1e-9 * Math.abs(expected) || err <= 1e-300, `${label}: ${a} vs ${expected}`).toBe(true);
}

describe('uniformity test against SciPy', () => {
  const reference = JSON.parse(readFileSync(fixture('dataset.chisquare.reference.json'), 'utf8')) as ChiSquareReference;

  it('gives scipy.stats.chisquare p-values', () => {
    for (const c of reference.cases) closeP(chiSquareUniformPValue(c.counts), c.pvalue, c.counts.slice(0, 5).join(','));
  });

  it("gives ydata's numeric p-values (histogram on NumPy's auto bins)", () => {
    for (const c of reference.numeric) closeP(numericUniformity(Float64Array.from(c.values), c.iqr), c.pvalue, c.name);
  });

  it('gives the same p-value from sorted values as from the column', () => {
    let seed = 11;
    const rand = (): number => {
      seed = (Math.imul(seed, 48271) + 7) >>> 0;
      return seed / 2 ** 32;
    };
    const columns: Record<string, number[]> = {
      normal: Array.from({ length: 5000 }, () => rand() + rand() + rand()),
      'integers with gaps and infinities': Array.from({ length: 5000 }, () => (rand() < 0.1 ? NaN : rand() < 0.01 ? Infinity : Math.floor(rand() * 40))),
      'far outliers (many bins)': Array.from({ length: 5000 }, () => (rand() < 0.001 ? 1e9 : rand())),
      constant: new Array(100).fill(2.5),
      'one value': [7],
    };
    for (const c of reference.numeric) columns[c.name] = c.values;
    for (const [name, list] of Object.entries(columns)) {
      const values = Float64Array.from(list);
      const finite = values.filter(Number.isFinite);
      const sorted = sortFinite(values, finite.length, Math.min(...finite), Math.max(...finite));
      const q = (p: number): number => sorted[Math.floor(p * (sorted.length - 1))];
      for (const iqr of [q(0.75) - q(0.25), undefined, 0]) {
        expect(sortedUniformity(sorted, iqr), name).toBe(numericUniformity(values, iqr));
      }
    }
  });

  it('raises UNIFORM exactly where SciPy is above 0.999', () => {
    const [above, below] = reference.cases.slice(-2);
    expect(above.pvalue).toBeGreaterThan(0.999);
    expect(below.pvalue).toBeLessThan(0.999);
    for (const { counts, pvalue } of [above, below]) {
      const codes = Int32Array.from(counts.flatMap((n, code) => Array.from({ length: n }, () => code)));
      const col: CodedColumn = { kind: 'coded', name: 'city', type: 'categorical', codes, dictionary: ['a', 'b', 'c', 'd'] };
      const evidence = columnEvidence(col, category());
      closeP(evidence.uniformPValue ?? null, pvalue, counts.join(','));
      expect(types(alertsOf(category(), evidence)).includes('UNIFORM')).toBe(pvalue > 0.999);
    }
  });

  it('matches on the fixtures, numeric and categorical columns alike', () => {
    for (const name of ['correlated', 'missing', 'duplicates']) {
      const table = parseDelimited(readFileSync(fixture(`dataset.${name}.csv`)));
      const ref = JSON.parse(readFileSync(fixture(`dataset.${name}.reference.json`), 'utf8')) as FixtureReference;
      for (const [col, expected] of Object.entries(ref.uniformity)) {
        const c = table.columns.find((x) => x.name === col) as Column;
        const finite = c.kind === 'numeric' ? Array.from(c.values).filter(Number.isFinite) : [];
        const profile =
          c.kind === 'numeric'
            ? column({
                name: col,
                count: finite.length,
                numeric: numericStats({ iqr: expected.iqr, min: Math.min(...finite), max: Math.max(...finite) }),
              })
            : category({ name: col, numeric: undefined });
        closeP(columnEvidence(c, profile).uniformPValue ?? null, expected.pvalue, `${name}.${col}`);
      }
    }
  });
});

describe('date-like text', () => {
  it('reads ISO, day-month in either order, year first and month names', () => {
    for (const s of [
      '2020-12-31',
      '2020-12-31 23:59',
      '12/31/2020',
      '31/12/2020',
      '1/2/20',
      '31-12-2020',
      '31.12.2020',
      '2020/12/31',
      '2020.1.5',
      '31 Dec 2020',
      '31-Dec-2020',
      'Dec 31, 2020',
      'December 31st, 2020',
      'Sept 9 2021',
      '12/31/2020 10:30 PM',
      '29/02/2024',
    ]) {
      expect(looksLikeDate(s), s).toBe(true);
    }
  });

  it('rejects impossible dates, versions, numbers and words', () => {
    for (const s of ['31/02/2020', '13/13/2020', '29/02/2023', '1.2.10', '12345678', '2020', 'Paris', 'Smarch 3, 2020', '00/00/0000']) {
      expect(looksLikeDate(s), s).toBe(false);
    }
  });

  function textColumn(values: string[]): CodedColumn {
    const dictionary = [...new Set(values)];
    return {
      kind: 'coded',
      name: 'when',
      type: 'categorical',
      codes: Int32Array.from(values.map((v) => dictionary.indexOf(v))),
      dictionary,
    };
  }

  it('measures the share of present values that read as dates, weighted by frequency', () => {
    const dates = Array.from({ length: 90 }, (_, i) => `${(i % 12) + 1}/${(i % 28) + 1}/2021`);
    const evidence = columnEvidence(textColumn([...dates, ...Array.from({ length: 10 }, () => 'unknown')]), category());
    expect(evidence.dateShare).toBeCloseTo(0.9, 12);
    expect(types(alertsOf(category({ name: 'when' }), evidence))).toEqual(['TYPE_DATE']);
    const fewer = columnEvidence(textColumn([...dates.slice(0, 89), ...Array.from({ length: 11 }, () => 'unknown')]), category());
    expect(fewer.dateShare as number).toBeLessThan(0.9);
    expect(types(alertsOf(category({ name: 'when' }), fewer))).toEqual([]);
  });

  it('gives ordinary categories a low share', () => {
    const evidence = columnEvidence(textColumn(['Lisbon', 'Porto', 'Faro', 'Porto']), category());
    expect(evidence.dateShare).toBe(0);
  });
});
