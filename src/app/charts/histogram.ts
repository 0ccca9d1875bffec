// A histogram from precomputed bins, on a number or a time axis, with the range and count on hover.
import type { PlotModule } from './plot-loader';

export interface Bin {
  x0: number;
  x1: number;
  count: number;
}

export interface HistogramOptions {
  width: number;
  height: number;
  /** Bin edges are ms since the epoch: draw a time axis. */
  time?: boolean;
  /** Formats a bin edge for the hover text. */
  format?: (v: number) => string;
  /** Axis label under the chart. */
  xLabel?: string;
  fontSize?: string;
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const sig4 = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 });
// Built once: toLocaleString() makes a formatter per call, slow over many bins.
const grouped = new Intl.NumberFormat();

export function histogramChart(Plot: PlotModule, bins: Bin[], opts: HistogramOptions): Element {
  const format = opts.format ?? ((v: number) => sig4.format(v));
  const data = bins.map((b) => ({
    x0: opts.time ? new Date(b.x0) : b.x0,
    x1: opts.time ? new Date(b.x1) : b.x1,
    count: b.count,
    tip: `${format(b.x0)} – ${format(b.x1)}: ${grouped.format(b.count)}`,
  }));
  // Bins on whole numbers (lengths, counts) get whole-number ticks only.
  const integral = bins.every((b) => Number.isInteger(b.x0) && Number.isInteger(b.x1));
  const span = Math.max(...bins.map((b) => Math.max(Math.abs(b.x0), Math.abs(b.x1))));
  return Plot.plot({
    width: opts.width,
    height: opts.height,
    marginLeft: 40,
    marginRight: 12,
    marginBottom: opts.xLabel ? 32 : 22,
    marginTop: 8,
    style: { background: 'transparent', fontSize: opts.fontSize ?? '10.5px' },
    x: {
      label: opts.xLabel ?? null,
      labelAnchor: 'center',
      labelArrow: 'none',
      type: opts.time ? 'utc' : 'linear',
      ticks: opts.time ? 4 : 5,
      // Long tick labels (100,000) collide on a 300px axis; 100K does not.
      tickFormat: opts.time ? undefined : span >= 1e4 ? (v: number) => compact.format(v) : integral ? (v: number) => (Number.isInteger(v) ? String(v) : '') : undefined,
    },
    y: { label: null, ticks: 3, grid: true, tickFormat: (v: number) => compact.format(v) },
    marks: [
      Plot.rectY(data, { x1: 'x0', x2: 'x1', y: 'count', fill: 'var(--accent)', fillOpacity: 0.85, inset: 0.5, title: 'tip', tip: { fontSize: 11.5 } }),
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.5 }),
    ],
  });
}
