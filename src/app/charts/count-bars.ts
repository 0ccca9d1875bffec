// Horizontal bars of counts per label, with the count printed at the end of each bar.
import type { PlotModule } from './plot-loader';

export interface CountRow {
  label: string;
  count: number;
  /** Drawn in a neutral colour (e.g. "Other values", which is not one category). */
  muted?: boolean;
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

export function countBars(
  Plot: PlotModule,
  rows: CountRow[],
  opts: {
    width: number;
    marginLeft: number;
    rowHeight: number;
    fontSize: string;
    /** The text at the end of each bar (the count by default). */
    format?: (row: CountRow) => string;
    /** Shortens long labels to this many characters (the full label stays in the hover text). */
    maxLabel?: number;
  },
): Element {
  const format = opts.format ?? ((r: CountRow) => String(r.count));
  const max = opts.maxLabel;
  return Plot.plot({
    height: 30 + rows.length * opts.rowHeight,
    width: opts.width,
    marginLeft: opts.marginLeft,
    marginRight: opts.format ? 64 : 20,
    marginTop: 4,
    marginBottom: 22,
    style: { background: 'transparent', fontSize: opts.fontSize },
    x: { label: null, grid: true, ticks: 3, tickFormat: (v: number) => compact.format(v) },
    y: {
      label: null,
      domain: rows.map((r) => r.label),
      tickSize: 0,
      tickFormat: max ? (s: string) => (s.length > max ? s.slice(0, max - 1) + '…' : s) : undefined,
    },
    marks: [
      Plot.barX(rows, {
        y: 'label',
        x: 'count',
        fill: (r: CountRow) => (r.muted ? 'var(--faint)' : 'var(--accent)'),
        fillOpacity: (r: CountRow) => (r.muted ? 0.45 : 1),
        title: (r: CountRow) => `${r.label}: ${format(r)}`,
        tip: opts.format ? { fontSize: 12 } : undefined,
      }),
      Plot.text(rows, { y: 'label', x: 'count', text: format, dx: 3, textAnchor: 'start', fill: 'currentColor' }),
    ],
  });
}
