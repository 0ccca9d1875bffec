import { describe, expect, it } from 'vitest';
import { detectLeakage, featureAloneScores } from '../../../../src/core/frame/leakage.ts';
import { analyzeTarget } from '../../../../src/core/frame/frame.ts';
import { createRng } from '../../../../src/core/random.ts';
import type { Column, Table } from '../../../../src/core/table/table.ts';

const N = 2000;

function coded(name: string, labels: string[]): Column {
  const dictionary = [...new Set(labels)];
  return { kind: 'coded', name, type: 'categorical', codes: Int32Array.from(labels, (l) => dictionary.indexOf(l)), dictionary };
}
const numeric = (name: string, values: ArrayLike<number>): Column => ({ kind: 'numeric', name, type: 'float', values: Float64Array.from(values) });

/** A classification table: honest noisy features, plus optional leaks planted in it. */
function classificationTable(leaks: boolean): Table {
  const rng = createRng(42);
  const y: string[] = [];
  const noisy: number[] = [];
  const colour: string[] = [];
  const serial: number[] = [];
  const refund: number[] = [];
  const status: string[] = [];
  for (let i = 0; i < N; i++) {
    // A rare class (about 5%) so a leak must find it, not just the majority.
    const label = rng() < 0.05 ? 'churn' : rng() < 0.5 ? 'stay' : 'upgrade';
    y.push(label);
    const signal = label === 'churn' ? 1 : label === 'stay' ? 0 : -1;
    noisy.push(signal + rng() * 4 - 2);
    colour.push(['red', 'green', 'blue'][Math.floor(rng() * 3)]);
    serial.push(rng() * 1e6); // one value per row: an identifier-like number
    refund.push(label === 'churn' ? 50 + rng() * 50 : label === 'stay' ? 20 + rng() * 10 : rng() * 10); // separable by thresholds
    status.push(label === 'churn' ? 'closed' : label === 'stay' ? (rng() < 0.5 ? 'open' : 'active') : 'premium');
  }
  const columns: Column[] = [coded('y', y), numeric('noisy', noisy), coded('colour', colour), numeric('serial', serial)];
  if (leaks) columns.push(numeric('refund_amount', refund), coded('account_status', status));
  return { rowCount: N, columns };
}

describe('target leakage', () => {
  it('flags planted classification leaks (numeric threshold, category map) and names them', () => {
    const t = classificationTable(true);
    const frame = analyzeTarget(t, 'y');
    const warnings = detectLeakage(t, frame);
    expect(warnings.map((w) => w.feature).sort()).toEqual(['account_status', 'refund_amount']);
    for (const w of warnings) {
      expect(w.metric).toBe('balanced_accuracy');
      expect(w.score).toBeGreaterThanOrEqual(0.98);
      expect(w.message).toContain(`"${w.feature}" alone predicts "y" almost perfectly`);
    }
  });

  it('stays quiet without a leak: noise, categories and an identifier-like number score far below the threshold', () => {
    const t = classificationTable(false);
    const frame = analyzeTarget(t, 'y');
    expect(detectLeakage(t, frame)).toEqual([]);
    const scores = Object.fromEntries(featureAloneScores(t, frame).map((s) => [s.feature, s.score]));
    // Out of sample, a per-row value predicts like chance (1/3 balanced accuracy), not perfectly.
    expect(scores.serial).toBeLessThan(0.5);
    expect(scores.colour).toBeLessThan(0.5);
    expect(scores.noisy).toBeLessThan(0.8);
  });

  it('flags a regression leak (a noisy copy of the target) but not a correlated feature', () => {
    const rng = createRng(7);
    const y = Float64Array.from({ length: N }, () => rng() * 100);
    const t: Table = {
      rowCount: N,
      columns: [
        numeric('price', y),
        numeric('price_with_tax', Array.from(y, (v) => v * 1.2 + rng() * 0.5)),
        numeric('size', Array.from(y, (v) => v + rng() * 60)),
        { ...numeric('missing_often', Array.from(y, (v, i) => (i % 3 === 0 ? NaN : v))) },
        coded('region', Array.from(y, () => ['n', 's', 'e', 'w'][Math.floor(rng() * 4)])),
      ],
    };
    const frame = analyzeTarget(t, 'price');
    const warnings = detectLeakage(t, frame);
    expect(warnings.map((w) => w.feature)).toEqual(['price_with_tax']);
    expect(warnings[0].metric).toBe('r2');
    const scores = Object.fromEntries(featureAloneScores(t, frame).map((s) => [s.feature, s.score]));
    expect(scores.size).toBeGreaterThan(0.3);
    expect(scores.size).toBeLessThan(0.9);
    // A third missing: the missing rows get one mean, which caps R² well below the threshold.
    expect(scores.missing_often).toBeLessThan(0.98);
    expect(Math.abs(scores.region)).toBeLessThan(0.05);
  });

  it('respects the threshold option and is deterministic', () => {
    const t = classificationTable(false);
    const frame = analyzeTarget(t, 'y');
    expect(featureAloneScores(t, frame)).toEqual(featureAloneScores(t, frame));
    expect(detectLeakage(t, frame, { threshold: 0 }).length).toBe(frame.features.length);
  });
});
