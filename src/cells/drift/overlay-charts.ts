// Reference and current distributions drawn over each other: histograms on shared bins, paired category bars.
import type { PlotModule } from '../../app/charts/plot-loader';
import { labelRoom, shorten } from '../../app/charts/labels';
import type { DriftDistribution } from '../../core/drift/types';

/** Reference in a neutral grey, current in the accent: the one colour goes to the data being checked. */
export const REFERENCE_FILL = 'var(--faint)';
export const CURRENT_FILL = 'var(--accent)';

const sig4 = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const percent = (v: number): string => (v === 0 ? '0%' : v < 0.001 ? '<0.1%' : `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`);

interface Options {
  width: number;
  height?: number;
}

type HistogramDistribution = Extract<DriftDistribution, { kind: 'histogram' }>;
type CategoryDistribution = Extract<DriftDistribution, { kind: 'categories' }>;

/** Two translucent histograms on the same bins; the current one drawn as an outlined step on top. */
export function overlaidHistogram(Plot: PlotModule, d: HistogramDistribution, opts: Options): Element {
  const rows = d.reference.map((r, i) => ({ x0: d.edges[i], x1: d.edges[i + 1], reference: r, current: d.current[i] }));
  const tip = (r: (typeof rows)[number]) =>
    `${sig4.format(r.x0)} – ${sig4.format(r.x1)}\nreference ${percent(r.reference)} · current ${percent(r.current)}`;
  const span = Math.max(...d.edges.map(Math.abs));
  return Plot.plot({
    width: opts.width,
    height: opts.height ?? 150,
    marginLeft: 40,
    marginRight: 10,
    marginTop: 8,
    marginBottom: 22,
    style: { background: 'transparent', fontSize: '10.5px' },
    x: { label: null, ticks: 5, tickFormat: span >= 1e4 ? (v: number) => compact.format(v) : undefined },
    y: { label: null, ticks: 3, grid: true, tickFormat: (v: number) => `${Math.round(v * 100)}%` },
    marks: [
      Plot.rectY(rows, { x1: 'x0', x2: 'x1', y: 'reference', fill: REFERENCE_FILL, fillOpacity: 0.45, inset: 0.5 }),
      Plot.rectY(rows, { x1: 'x0', x2: 'x1', y: 'current', fill: CURRENT_FILL, fillOpacity: 0.35, stroke: CURRENT_FILL, strokeWidth: 1, inset: 0.5 }),
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.5 }),
      Plot.tip(rows, Plot.pointerX({ x: (r: (typeof rows)[number]) => (r.x0 + r.x1) / 2, y: (r: (typeof rows)[number]) => Math.max(r.reference, r.current), title: tip, fontSize: 11.5 })),
    ],
  });
}

/** Per category a pair of thin bars, reference above current, with the current share printed. */
export function pairedCategoryBars(Plot: PlotModule, d: CategoryDistribution, opts: Options): Element {
  const rowHeight = 22;
  const { chars, margin } = labelRoom(d.labels, 18);
  const rows = d.labels.map((label, i) => ({ label, reference: d.reference[i], current: d.current[i] }));
  const max = Math.max(...d.reference, ...d.current, 0.01);
  const half = rowHeight / 2 - 2;
  const title = (r: (typeof rows)[number]) => `${r.label}\nreference ${percent(r.reference)} · current ${percent(r.current)}`;
  return Plot.plot({
    width: opts.width,
    height: 26 + rows.length * rowHeight,
    marginLeft: margin,
    marginRight: 40,
    marginTop: 4,
    marginBottom: 22,
    style: { background: 'transparent', fontSize: '10.5px' },
    x: { domain: [0, max * 1.05], label: null, grid: true, ticks: 3, tickFormat: (v: number) => `${Math.round(v * 100)}%` },
    y: { domain: d.labels, label: null, tickSize: 0, tickFormat: (s: string) => shorten(s, chars), padding: 0.12 },
    marks: [
      Plot.barX(rows, { y: 'label', x: 'reference', fill: REFERENCE_FILL, fillOpacity: 0.6, insetBottom: half, title }),
      Plot.barX(rows, { y: 'label', x: 'current', fill: CURRENT_FILL, fillOpacity: 0.85, insetTop: half, title }),
      Plot.text(rows, { y: 'label', x: 'current', text: (r: (typeof rows)[number]) => percent(r.current), dx: 4, dy: half / 2, textAnchor: 'start', fill: 'currentColor' }),
    ],
  });
}

export function overlayChart(Plot: PlotModule, d: DriftDistribution, opts: Options): Element {
  return d.kind === 'histogram' ? overlaidHistogram(Plot, d, opts) : pairedCategoryBars(Plot, d, opts);
}
