import { describe, expect, it } from 'vitest';
import { reportCells, reportSummary } from '../../../src/share/report-model';
import { expectedHashes, type OutputKind } from '../../../src/notebook/graph';
import type { AnyCellKind } from '../../../src/cells/types';
import type { OutputRecord } from '../../../src/store/db';

// Kinds as the report sees them: only the cell interface (needs, produces, summary, passive).
const kind = (name: string, produces: OutputKind | null, needs: OutputKind[] = [], extra: Partial<AnyCellKind> = {}): AnyCellKind =>
  ({ kind: name, version: 1, needs, produces, title: name, step: null, icon: name[0], description: '', defaultConfig: () => ({}), run: async () => ({ value: null }), summary: (v: unknown) => `${name}: ${JSON.stringify(v).length} chars`, View: (() => null) as never, ...extra }) as AnyCellKind;
const KINDS: Record<string, AnyCellKind> = {
  note: kind('note', null, [], { passive: true }),
  load: kind('load', 'dataset'),
  prof: kind('prof', 'profile', ['dataset']),
  rules: kind('rules', 'quality', ['dataset']),
  frame: kind('frame', 'frame', ['dataset']),
  fit: kind('fit', 'model', ['dataset', 'frame']),
  score: kind('score', 'evaluation', ['dataset', 'frame', 'model']),
  ship: kind('ship', 'export', ['model']),
  broken: kind('broken', 'drift', ['dataset'], { summary: () => { throw new Error('old output'); } }),
};
const kindOf = (k: string) => KINDS[k];

const cells = ['note', 'load', 'prof', 'rules', 'frame', 'fit', 'score', 'ship', 'broken'].map((k) => ({ id: 'id-' + k, kind: k, title: k.toUpperCase(), config: {} }));
const hashes = expectedHashes(cells, kindOf);
const out = (k: string, value: unknown, extra: Partial<OutputRecord> = {}): OutputRecord => ({ cellId: 'id-' + k, projectId: 'p', hash: hashes.get('id-' + k)!, ranAt: 1, durationMs: 1, value, ...extra });

const frame = { target: 'y', task: 'classification', classes: ['a', 'b'], baseline: { metric: 'accuracy', value: 0.6, label: 'a' }, features: ['x'] };
const evaluation = { task: 'classification', n: 10, metrics: { accuracy: 0.9 }, baseline: { metric: 'accuracy', value: 0.6, label: 'a' } };
const outputs = [
  out('load', { rows: 10 }),
  out('prof', { alerts: [{ type: 'MISSING', message: 'x is missing' }, { type: 'SKEWED', message: 'x is skewed' }] }),
  out('rules', { success: false, rows: 10, passed: 1, failed: 1, results: [{ rule: { type: 'not_null', column: 'x' }, success: true }, { rule: { type: 'in_set', column: 'y', values: [] }, success: false, unexpectedCount: 3, considered: 10, examples: [] }] }),
  out('frame', frame),
  out('fit', { w: 1 }, { hash: 'older' }),
  out('score', evaluation),
  out('ship', null, { error: { message: 'no room' } }),
  out('broken', { old: true }),
];

describe('report model', () => {
  it('gives each cell its stored output, state, upstream values and the cells above', () => {
    const rc = reportCells(cells, outputs, kindOf);
    expect(rc.map((c) => c.state)).toEqual(['fresh', 'fresh', 'fresh', 'fresh', 'fresh', 'stale', 'fresh', 'failed', 'fresh']);
    const score = rc[6];
    expect(score.value).toBe(evaluation);
    expect(score.upstream).toEqual({ dataset: { rows: 10 }, frame, model: { w: 1 } });
    expect(score.cellsAbove.map((c) => c.id)).toEqual(cells.slice(0, 6).map((c) => c.id));
    expect(score.line).toBe(`score: ${JSON.stringify(evaluation).length} chars`);
    // A summary that throws on an old output leaves the line empty instead of breaking the report.
    expect(rc[8].line).toBe('');
    expect(rc[7].line).toBe('');
  });

  it('files cells under the summary by the kind of output they produce', () => {
    const s = reportSummary(reportCells(cells, outputs, kindOf));
    expect(s.problem?.frame).toBe(frame);
    expect(s.data.entries.map((e) => e.title)).toEqual(['LOAD', 'PROF', 'RULES', 'BROKEN']);
    expect(s.data.alerts.map((a) => a.message)).toEqual(['x is missing', 'x is skewed']);
    expect(s.data.rules).toEqual({ passed: 1, failed: 1, failing: [{ cellTitle: 'RULES', rule: 'in set · y', detail: '3 of 10 values fail' }] });
    expect(s.model.evaluation).toBe(evaluation);
    expect(s.model.entries.map((e) => [e.title, e.state])).toEqual([['FIT', 'stale'], ['SCORE', 'fresh']]);
    expect(s.deployment.entries.map((e) => [e.title, e.state])).toEqual([['SHIP', 'failed']]);
  });

  it('says nothing it does not have', () => {
    const s = reportSummary(reportCells(cells, [], kindOf));
    expect(s.problem).toMatchObject({ title: 'FRAME', state: 'never' });
    expect(s.problem?.frame).toBeUndefined();
    expect(s.data.alerts).toEqual([]);
    expect(s.data.rules).toBeNull();
    expect(s.model.evaluation).toBeUndefined();
  });
});
