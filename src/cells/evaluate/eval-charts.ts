// The Evaluate cell's charts: confusion matrix, ROC and precision-recall curves, calibration, residuals,
// predicted against actual, and permutation importance.
import type { PlotModule } from '../../app/charts/plot-loader';
import { labelRoom, shorten } from '../../app/charts/labels';
import { CLASS_COLORS } from '../split/split-charts';
import type { Calibration, ClassCurve, Importance } from './build-evaluation';

const sig3 = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });
const percent = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`;
const STYLE = { background: 'transparent', fontSize: '11px' };

/** A colour from the page's palette (a scale interpolates real colours, not CSS variables), for light and dark mode. */
function cssColor(name: string, fallback: string): string {
  if (typeof getComputedStyle !== 'function') return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Counts in each cell; the colour is the share of the actual class's rows, so a rare class reads as clearly as a common one. */
export function confusionHeatmap(Plot: PlotModule, classes: string[], confusion: number[][], opts: { width: number }): Element {
  const { chars, margin } = labelRoom(classes, 16);
  const size = Math.max(34, Math.min(64, Math.floor((opts.width - margin - 30) / Math.max(1, classes.length))));
  const cells = confusion.flatMap((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((count, j) => ({
      actual: classes[i],
      predicted: classes[j],
      count,
      share: total ? count / total : 0,
      title: `actual ${classes[i]}, predicted ${classes[j]}: ${count.toLocaleString()} rows (${total ? percent(count / total) : '—'} of ${classes[i]})`,
    }));
  });
  return Plot.plot({
    width: margin + classes.length * size + 30,
    height: 46 + classes.length * size + 30,
    marginLeft: margin,
    marginTop: 46,
    marginBottom: 30,
    padding: 0,
    style: STYLE,
    x: { label: 'Predicted →', labelAnchor: 'left', axis: 'top', domain: classes, tickSize: 0, tickFormat: (s: string) => shorten(s, chars) },
    // The heading says rows are the actual class: a rotated label would collide with long class names.
    y: { label: null, domain: classes, tickSize: 0, tickFormat: (s: string) => shorten(s, chars) },
    color: { type: 'linear', domain: [0, 1], range: [cssColor('--surface-2', '#f1f3f6'), '#5b52e6'] },
    marks: [
      Plot.cell(cells, { x: 'predicted', y: 'actual', fill: 'share', inset: 1, rx: 3, title: 'title', tip: { fontSize: 12 } }),
      Plot.text(cells, {
        x: 'predicted',
        y: 'actual',
        text: (d: { count: number }) => d.count.toLocaleString(),
        fill: (d: { share: number }) => (d.share > 0.5 ? 'white' : 'currentColor'),
        fontWeight: 650,
        fontSize: 12,
        pointerEvents: 'none',
      }),
    ],
  });
}

interface CurveOptions {
  width: number;
  classes: string[];
}

function curveRows(curves: ClassCurve[], classes: string[], x: 'fpr' | 'recall', y: 'tpr' | 'precision') {
  return curves.flatMap((c) => {
    const name = classes[c.cls] ?? String(c.cls);
    return Array.from(c[x], (xv, i) => ({ x: xv, y: c[y][i], cls: name }));
  });
}

function curveColors(curves: ClassCurve[], classes: string[]) {
  return { domain: curves.map((c) => classes[c.cls]), range: curves.map((c) => CLASS_COLORS[c.cls % CLASS_COLORS.length]) };
}

export function rocChart(Plot: PlotModule, curves: ClassCurve[], opts: CurveOptions): Element {
  const rows = curveRows(curves, opts.classes, 'fpr', 'tpr');
  return Plot.plot({
    width: opts.width,
    height: opts.width,
    marginLeft: 42,
    marginBottom: 34,
    style: STYLE,
    x: { domain: [0, 1], label: 'False positive rate', grid: true, ticks: 5 },
    y: { domain: [0, 1], label: 'True positive rate', grid: true, ticks: 5 },
    color: curveColors(curves, opts.classes),
    marks: [
      Plot.line([[0, 0], [1, 1]], { stroke: 'var(--faint)', strokeDasharray: '4 3', strokeOpacity: 0.7 }),
      Plot.line(rows, { x: 'x', y: 'y', stroke: 'cls', strokeWidth: 2, curve: 'step-after' }),
    ],
  });
}

export function prChart(Plot: PlotModule, curves: ClassCurve[], opts: CurveOptions): Element {
  const rows = curveRows(curves, opts.classes, 'recall', 'precision');
  const chance = curves.map((c) => ({ y: c.prevalence, cls: opts.classes[c.cls] }));
  return Plot.plot({
    width: opts.width,
    height: opts.width,
    marginLeft: 42,
    marginBottom: 34,
    style: STYLE,
    x: { domain: [0, 1], label: 'Recall', grid: true, ticks: 5 },
    y: { domain: [0, 1], label: 'Precision', grid: true, ticks: 5 },
    color: curveColors(curves, opts.classes),
    marks: [
      Plot.ruleY(chance, { y: 'y', stroke: 'cls', strokeDasharray: '4 3', strokeOpacity: 0.5 }),
      Plot.line(rows, { x: 'x', y: 'y', stroke: 'cls', strokeWidth: 2, curve: 'step-before' }),
    ],
  });
}

export function calibrationChart(Plot: PlotModule, cal: Calibration, opts: { width: number }): Element {
  const rows = Array.from(cal.probPred, (p, i) => ({
    predicted: p,
    observed: cal.probTrue[i],
    count: cal.counts[i],
    title: `predicted ${percent(p)}, observed ${percent(cal.probTrue[i])} · ${cal.counts[i].toLocaleString()} rows`,
  }));
  const what = cal.kind === 'positive' ? 'Predicted probability' : 'Confidence in the predicted class';
  return Plot.plot({
    width: opts.width,
    height: opts.width,
    marginLeft: 42,
    marginBottom: 34,
    style: STYLE,
    x: { domain: [0, 1], label: what, grid: true, ticks: 5 },
    y: { domain: [0, 1], label: cal.kind === 'positive' ? 'Observed share positive' : 'Observed share correct', grid: true, ticks: 5 },
    r: { range: [2.5, 8] },
    marks: [
      Plot.line([[0, 0], [1, 1]], { stroke: 'var(--faint)', strokeDasharray: '4 3', strokeOpacity: 0.7 }),
      Plot.line(rows, { x: 'predicted', y: 'observed', stroke: 'var(--accent)', strokeWidth: 1.5 }),
      Plot.dot(rows, { x: 'predicted', y: 'observed', r: 'count', fill: 'var(--accent)', title: 'title', tip: { fontSize: 12 } }),
    ],
  });
}

export interface XYPoint {
  actual: number;
  predicted: number;
  row: number;
}

export function residualChart(Plot: PlotModule, points: XYPoint[], opts: { width: number; target: string }): Element {
  const rows = points.map((p) => ({ ...p, residual: p.actual - p.predicted }));
  return Plot.plot({
    width: opts.width,
    height: Math.round(opts.width * 0.75),
    marginLeft: 50,
    marginBottom: 34,
    style: STYLE,
    x: { label: `Predicted ${opts.target}`, grid: true, ticks: 4 },
    y: { label: 'Residual (actual − predicted)', grid: true, ticks: 5 },
    marks: [
      Plot.ruleY([0], { stroke: 'var(--faint)', strokeDasharray: '4 3' }),
      Plot.dot(rows, {
        x: 'predicted',
        y: 'residual',
        r: 2.5,
        fill: 'var(--accent)',
        fillOpacity: 0.55,
        title: (d: XYPoint & { residual: number }) => `row ${(d.row + 1).toLocaleString()}: actual ${sig3.format(d.actual)}, predicted ${sig3.format(d.predicted)}`,
        tip: { fontSize: 12 },
      }),
    ],
  });
}

export function predictedActualChart(Plot: PlotModule, points: XYPoint[], opts: { width: number; target: string }): Element {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    lo = Math.min(lo, p.actual, p.predicted);
    hi = Math.max(hi, p.actual, p.predicted);
  }
  return Plot.plot({
    width: opts.width,
    height: opts.width,
    marginLeft: 50,
    marginBottom: 34,
    style: STYLE,
    x: { label: `Actual ${opts.target}`, grid: true, ticks: 4, domain: [lo, hi], nice: true },
    y: { label: `Predicted ${opts.target}`, grid: true, ticks: 4, domain: [lo, hi], nice: true },
    marks: [
      Plot.line([[lo, lo], [hi, hi]], { stroke: 'var(--faint)', strokeDasharray: '4 3' }),
      Plot.dot(points, {
        x: 'actual',
        y: 'predicted',
        r: 2.5,
        fill: 'var(--accent)',
        fillOpacity: 0.55,
        title: (d: XYPoint) => `row ${(d.row + 1).toLocaleString()}: actual ${sig3.format(d.actual)}, predicted ${sig3.format(d.predicted)}`,
        tip: { fontSize: 12 },
      }),
    ],
  });
}

/** Mean drop in the metric when a feature is shuffled, with ± one standard deviation over the repeats; largest first. */
export function importanceBars(Plot: PlotModule, imp: Importance, opts: { width: number; metricLabel: string; format: (v: number) => string }): Element {
  const rows = [...imp.features].sort((a, b) => b.mean - a.mean);
  const { chars, margin } = labelRoom(rows.map((r) => r.name), 22);
  return Plot.plot({
    width: opts.width,
    height: 36 + rows.length * 24,
    marginLeft: margin,
    marginRight: 60,
    marginTop: 4,
    marginBottom: 30,
    style: STYLE,
    x: { label: `Drop in ${opts.metricLabel} when shuffled`, grid: true, ticks: 4 },
    y: { domain: rows.map((r) => r.name), label: null, tickSize: 0, tickFormat: (s: string) => shorten(s, chars) },
    marks: [
      Plot.ruleX([0], { stroke: 'currentColor', strokeOpacity: 0.4 }),
      Plot.barX(rows, {
        y: 'name',
        x: 'mean',
        fill: (r: { mean: number }) => (r.mean > 0 ? 'var(--accent)' : 'var(--faint)'),
        title: (r: { name: string; mean: number; std: number }) => `${r.name}: ${opts.format(r.mean)} ± ${opts.format(r.std)}`,
        tip: { fontSize: 12 },
      }),
      Plot.ruleY(rows, { y: 'name', x1: (r: { mean: number; std: number }) => r.mean - r.std, x2: (r: { mean: number; std: number }) => r.mean + r.std, stroke: 'currentColor', strokeOpacity: 0.6 }),
      Plot.text(rows, { y: 'name', x: (r: { mean: number; std: number }) => Math.max(r.mean + r.std, 0), text: (r: { mean: number }) => opts.format(r.mean), dx: 6, textAnchor: 'start', fill: 'currentColor' }),
    ],
  });
}
