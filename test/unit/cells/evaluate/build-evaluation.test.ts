import { describe, expect, it } from 'vitest';
import { analyzeTarget } from '../../../../src/core/frame/frame.ts';
import { fitPreprocessing, transformRows } from '../../../../src/core/prep/preprocess.ts';
import { encodeTarget } from '../../../../src/core/prep/target.ts';
import { createRng } from '../../../../src/core/random.ts';
import type { Column, Table } from '../../../../src/core/table/table.ts';
import { buildEvaluation, thinCurve, MAX_CURVE_POINTS } from '../../../../src/cells/evaluate/build-evaluation.ts';
import { predictionPage, predictionsCsv, PAGE_SIZE } from '../../../../src/cells/evaluate/predictions-table.ts';
import { evaluationSummary } from '../../../../src/cells/export/evaluation-summary.ts';
import { evaluateCell } from '../../../../src/cells/evaluate/index.ts';

const N = 600;
function makeTable(): Table {
  const rng = createRng(11);
  const labels: number[] = [];
  const x1: number[] = [];
  const x2: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < N; i++) {
    const label = Math.floor(rng() * 3);
    labels.push(label);
    x1.push(label + rng() * 2.2); // informative, overlapping
    x2.push(rng());
    c.push(Math.floor(rng() * 3));
  }
  const columns: Column[] = [
    { kind: 'coded', name: 'y', type: 'categorical', codes: Int32Array.from(labels), dictionary: ['a-low', 'b-mid', 'c-high'] },
    { kind: 'numeric', name: 'x1', type: 'float', values: Float64Array.from(x1) },
    { kind: 'numeric', name: 'x2', type: 'float', values: Float64Array.from(x2) },
    { kind: 'coded', name: 'c', type: 'categorical', codes: Int32Array.from(c), dictionary: ['r', 'g', 'b'] },
    { kind: 'numeric', name: 'v', type: 'float', values: Float64Array.from(x1, (v, i) => 3 * v + x2[i]) },
  ];
  return { rowCount: N, columns };
}

const table = makeTable();
const rows = Int32Array.from({ length: N / 2 }, (_, i) => i * 2 + 1);
const train = Int32Array.from({ length: N / 2 }, (_, i) => i * 2);

/** A softmax over logits that read only the first input column (x1): x2 and c can matter nothing. */
function softmaxOnFirst(X: Float32Array, n: number, d: number): Float32Array {
  const out = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const z = X[i * d];
    const logits = [-2 * z, 0, 2 * z];
    const m = Math.max(...logits);
    const e = logits.map((l) => Math.exp(l - m));
    const s = e[0] + e[1] + e[2];
    for (let c = 0; c < 3; c++) out[i * 3 + c] = e[c] / s;
  }
  return out;
}

/** Mann–Whitney AUC of one class against the rest, ties counted half: independent of the app's ROC code. */
function aucOneVsRest(actual: number[], p: number[][], cls: number): number {
  let pos = 0;
  let neg = 0;
  let wins = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== cls) continue;
    pos++;
    for (let j = 0; j < actual.length; j++) {
      if (actual[j] === cls) continue;
      if (p[i][cls] > p[j][cls]) wins++;
      else if (p[i][cls] === p[j][cls]) wins += 0.5;
    }
  }
  for (const a of actual) if (a !== cls) neg++;
  return wins / (pos * neg);
}

async function classification(metric: 'accuracy' | 'log_loss' = 'accuracy') {
  const frame = analyzeTarget(table, 'y', undefined, { metric, dropped: ['v'] });
  const spec = fitPreprocessing(table, frame.features, train);
  const progress: [number, number][] = [];
  const ev = await buildEvaluation({
    frame,
    spec,
    rows,
    X: transformRows(spec, table, rows),
    yTrue: encodeTarget(table, frame, rows),
    yTrain: encodeTarget(table, frame, train),
    predict: (X, n) => softmaxOnFirst(X, n, spec.outputWidth),
    onProgress: (done, total) => progress.push([done, total]),
  });
  return { frame, spec, ev, progress };
}

describe('buildEvaluation (classification)', () => {
  it('scores, legacy fields and curves agree with the predictions it stores', async () => {
    const { ev } = await classification();
    const p = ev.predictions!;
    const k = 3;
    const actual = Array.from(p.actual);
    const probs = actual.map((_, i) => Array.from(p.probs!.subarray(i * k, i * k + k)));
    const argmax = probs.map((r) => r.indexOf(Math.max(...r)));
    const acc = argmax.filter((v, i) => v === actual[i]).length / actual.length;
    expect(ev.metric).toBe('accuracy');
    expect(ev.scores!.accuracy).toBeCloseTo(acc, 12);
    expect(ev.task === 'classification' && ev.metrics.accuracy).toBeCloseTo(acc, 12);
    expect(Array.from(p.predicted)).toEqual(argmax);
    const macro = (aucOneVsRest(actual, probs, 0) + aucOneVsRest(actual, probs, 1) + aucOneVsRest(actual, probs, 2)) / 3;
    expect(ev.scores!.roc_auc).toBeCloseTo(macro, 12);
    for (const c of ev.curves!) expect(c.rocAuc).toBeCloseTo(aucOneVsRest(actual, probs, c.cls), 12);
    // The baseline: the training majority, scored on these rows.
    const trainCounts = [0, 0, 0];
    for (const r of train) trainCounts[(table.columns[0] as Extract<Column, { kind: 'coded' }>).codes[r]]++;
    const majority = trainCounts.indexOf(Math.max(...trainCounts));
    expect(ev.baselineScores!.accuracy).toBeCloseTo(actual.filter((a) => a === majority).length / actual.length, 12);
    expect(ev.baseline.value).toBeCloseTo(ev.baselineScores!.accuracy!, 12);
    // Confusion counts add up to the rows, the diagonal to the hits.
    if (ev.task !== 'classification') throw new Error('classification expected');
    const diag = ev.confusion.reduce((a, row, i) => a + row[i], 0);
    expect(diag).toBe(Math.round(acc * actual.length));
    expect(ev.calibration?.kind).toBe('confidence');
    expect(ev.calibration!.counts.reduce((a, b) => a + b, 0)).toBe(actual.length);
  });

  it('orders predictions worst first by 1 − p(true class), paged 50 at a time', async () => {
    const { ev } = await classification();
    const p = ev.predictions!;
    const errors = Array.from(p.actual, (a, i) => 1 - p.probs![i * 3 + a]);
    expect(Array.from(p.error)).toEqual(errors.map((e) => expect.closeTo(e, 12)));
    const sorted = Array.from(p.order, (i) => errors[i]);
    for (let j = 1; j < sorted.length; j++) expect(sorted[j]).toBeLessThanOrEqual(sorted[j - 1]);
    const first = predictionPage(p, ['a-low', 'b-mid', 'c-high'], 0);
    expect(first).toHaveLength(PAGE_SIZE);
    expect(first[0].rank).toBe(1);
    expect(first[0].row).toBe(p.rows[p.order[0]] + 1);
    expect(first[0].pActual).toBeCloseTo(1 - sorted[0], 6);
    const last = predictionPage(p, ['a-low', 'b-mid', 'c-high'], 5);
    expect(last).toHaveLength(N / 2 - 5 * PAGE_SIZE);
    expect(predictionPage(p, ['a-low', 'b-mid', 'c-high'], 6)).toHaveLength(0);
  });

  it('finds no importance in the features the model ignores, and some in the one it reads', async () => {
    const { ev, spec, progress } = await classification();
    const imp = ev.importance!;
    expect(imp.features.map((f) => f.name)).toEqual(spec.features.map((f) => f.name));
    const by = Object.fromEntries(imp.features.map((f) => [f.name, f]));
    expect(by.x1.mean).toBeGreaterThan(0.1);
    expect(by.x2).toMatchObject({ mean: 0, std: 0 });
    expect(by.c).toMatchObject({ mean: 0, std: 0 });
    expect(imp.score).toBeCloseTo(ev.scores!.accuracy!, 12);
    const total = spec.features.length * imp.repeats;
    expect(progress).toHaveLength(total);
    expect(progress.at(-1)).toEqual([total, total]);
  });

  it('computes importance under the metric that matters, lower-is-better turned into a drop', async () => {
    const { ev } = await classification('log_loss');
    expect(ev.importance!.metric).toBe('log_loss');
    expect(ev.importance!.score).toBeCloseTo(ev.scores!.log_loss!, 9);
    expect(ev.importance!.features.find((f) => f.name === 'x1')!.mean).toBeGreaterThan(0);
  });

  it('writes a CSV that reproduces the accuracy and is ordered by table row', async () => {
    const { ev } = await classification();
    const classes = ['a-low', 'b-mid', 'c-high'];
    const [header, ...lines] = predictionsCsv(ev.predictions!, classes).trim().split('\n');
    expect(header).toBe('row,actual,predicted,p_a-low,p_b-mid,p_c-high');
    expect(lines).toHaveLength(N / 2);
    const parsed = lines.map((l) => l.split(','));
    expect(parsed.map((c) => Number(c[0]))).toEqual(Array.from(rows, (r) => r + 1));
    const hits = parsed.filter((c) => c[1] === c[2]).length;
    expect(hits / lines.length).toBeCloseTo(ev.scores!.accuracy!, 12);
    // Probabilities are written in full: each row's argmax is its predicted class.
    for (const c of parsed) {
      const ps = c.slice(3).map(Number);
      expect(classes[ps.indexOf(Math.max(...ps))]).toBe(c[2]);
    }
  });

  it('leaves out every per-row value when shared without data, keeping the aggregates', async () => {
    const { ev } = await classification();
    const shared = evaluateCell.redact!(ev);
    expect(shared.predictions).toBeUndefined();
    expect(shared.plotIndices).toBeUndefined();
    expect(shared.scores).toEqual(ev.scores);
    expect(shared.curves).toBe(ev.curves);
    expect(ev.predictions).toBeDefined();
    expect(evaluateCell.summary(shared)).toMatch(/^Test accuracy \d+\.\d% · baseline \d+\.\d% · 300 rows$/);
  });

  it('keeps only figures for the export bundle, and they survive JSON', async () => {
    const { ev } = await classification();
    const summary = evaluationSummary(ev);
    const round = JSON.parse(JSON.stringify(summary));
    expect(round).toEqual(summary);
    expect(Object.keys(summary).sort()).toEqual(['baseline', 'baselineScores', 'classes', 'confusion', 'metric', 'metrics', 'n', 'scores', 'task']);
  });
});

describe('buildEvaluation (regression)', () => {
  it('gives residual plot points, errors worst first and the R² of its predictions', async () => {
    const frame = analyzeTarget(table, 'v', 'regression', { dropped: ['y'] });
    const spec = fitPreprocessing(table, frame.features, train);
    const d = spec.outputWidth;
    // Predicts 3·x1 in the target's units: right up to the x2 term it ignores.
    const x1 = spec.features[0];
    if (x1.kind !== 'numeric') throw new Error('x1 first');
    const ev = await buildEvaluation({
      frame,
      spec,
      rows,
      X: transformRows(spec, table, rows),
      yTrue: encodeTarget(table, frame, rows),
      yTrain: encodeTarget(table, frame, train),
      predict: (X, n) => Float64Array.from({ length: n }, (_, i) => 3 * (X[i * d] * x1.std + x1.mean)),
    });
    const p = ev.predictions!;
    expect(ev.metric).toBe('rmse');
    expect(ev.plotIndices).toHaveLength(N / 2);
    const res = Array.from(p.actual, (a, i) => a - p.predicted[i]);
    const mean = p.actual.reduce((a, b) => a + b, 0) / p.actual.length;
    const ssRes = res.reduce((a, r) => a + r * r, 0);
    const ssTot = p.actual.reduce((a, v) => a + (v - mean) ** 2, 0);
    expect(ev.scores!.r2).toBeCloseTo(1 - ssRes / ssTot, 9);
    expect(ev.scores!.rmse).toBeCloseTo(Math.sqrt(ssRes / res.length), 9);
    expect(Math.abs(res[p.order[0]])).toBeCloseTo(Math.max(...res.map(Math.abs)), 9);
    const csv = predictionsCsv(p, undefined).split('\n');
    expect(csv[0]).toBe('row,actual,predicted,residual');
    expect(ev.importance!.features.find((f) => f.name === 'x1')!.mean).toBeGreaterThan(0);
    expect(ev.importance!.features.find((f) => f.name === 'x2')!.mean).toBe(0);
  });
});

describe('thinCurve', () => {
  it('keeps short curves whole and long ones to the limit, ends included', () => {
    const x = Float64Array.from({ length: 50 }, (_, i) => i);
    expect(thinCurve(x, x).x).toBe(x);
    const long = Float64Array.from({ length: 5000 }, (_, i) => i / 4999);
    const t = thinCurve(long, long);
    expect(t.x).toHaveLength(MAX_CURVE_POINTS);
    expect(t.x[0]).toBe(0);
    expect(t.x.at(-1)).toBe(1);
    for (let i = 1; i < t.x.length; i++) expect(t.x[i]).toBeGreaterThan(t.x[i - 1]);
  });
});
