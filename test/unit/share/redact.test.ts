import { describe, expect, it } from 'vitest';
import { withoutRawData } from '../../../src/share/redact';

describe('leaving raw data out of outputs', () => {
  it('drops a dataset output’s rows and invalid-value examples, keeping its shape and counts', () => {
    const out = {
      datasetId: 'd',
      name: 'secret.csv',
      rows: 2,
      columns: [
        { name: 'a', type: 'float', invalid: { count: 1, examples: [{ row: 0, text: 'SSN 123-45-6789' }] } },
        { name: 'b', type: 'categorical' },
      ],
      head: [['1', 'Alice']],
    };
    const r = withoutRawData(out, { produces: 'dataset' }) as typeof out;
    expect(r.head).toEqual([]);
    expect(r.columns[0].invalid).toEqual({ count: 1, examples: [] });
    expect(r.rows).toBe(2);
    expect(JSON.stringify(r)).not.toMatch(/Alice|6789/);
    expect(out.head).toEqual([['1', 'Alice']]); // the stored output is not touched
  });

  it('drops a profile’s first and last rows and duplicate rows, keeping statistics', () => {
    const profile = {
      version: 2,
      rows: 10,
      head: [['Alice']],
      tail: [['Bob']],
      duplicates: 3,
      duplicateRows: [{ values: ['Carol'], count: 3 }],
      columns: [{ name: 'n', invalid: { count: 2, examples: [{ row: 1, text: 'Dave' }] }, top: [{ value: 'x', count: 9 }] }],
      alerts: [{ type: 'DUPLICATES', message: '3 duplicate rows' }],
    };
    const r = withoutRawData(profile, { produces: 'profile' }) as typeof profile;
    expect(JSON.stringify(r)).not.toMatch(/Alice|Bob|Carol|Dave/);
    expect(r.duplicates).toBe(3);
    expect(r.columns[0].top).toEqual([{ value: 'x', count: 9 }]);
    expect(r.alerts).toEqual(profile.alerts);
  });

  it('drops failing values of quality rules, keeping the verdicts', () => {
    const suite = { success: false, rows: 5, passed: 0, failed: 1, results: [{ rule: { type: 'not_null', column: 'a' }, success: false, examples: [{ row: 2, value: 'Eve' }], unexpectedCount: 1 }] };
    const r = withoutRawData(suite, { produces: 'quality' }) as typeof suite;
    expect(r.results[0].examples).toEqual([]);
    expect(r.results[0].unexpectedCount).toBe(1);
  });

  it('lets a kind redact its own output, and leaves other outputs alone', () => {
    const model = { weights: new Float32Array([1, 2]) };
    expect(withoutRawData(model, { produces: 'model' })).toBe(model);
    expect(withoutRawData({ rows: ['x'] }, { produces: 'drift', redact: () => ({ rows: [] }) })).toEqual({ rows: [] });
    expect(withoutRawData(null, { produces: 'dataset' })).toBeNull();
  });
});

describe('a kind redacting its own output', () => {
  it('runs after the default redaction of its output kind', () => {
    const value = { datasetId: 'd', name: 'n', rows: 1, columns: [], head: [['secret']], logs: ['row 1: secret'] };
    const out = withoutRawData(value, { produces: 'dataset', redact: (v) => ({ ...(v as object), logs: [] }) }) as typeof value;
    expect(out.head).toEqual([]);
    expect(out.logs).toEqual([]);
  });
});
