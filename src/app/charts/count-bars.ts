// Horizontal bars of counts per label, with the count printed at the end of each bar.
import type { PlotModule } from './plot-loader';

export function countBars(
  Plot: PlotModule,
  rows: { label: string; count: number }[],
  opts: { width: number; marginLeft: number; rowHeight: number; fontSize: string },
): Element {
  return Plot.plot({
    height: 30 + rows.length * opts.rowHeight,
    width: opts.width,
    marginLeft: opts.marginLeft,
    marginTop: 4,
    marginBottom: 22,
    style: { background: 'transparent', fontSize: opts.fontSize },
    x: { label: null, grid: true, ticks: 3 },
    y: { label: null, domain: rows.map((r) => r.label) },
    marks: [
      Plot.barX(rows, { y: 'label', x: 'count', fill: 'var(--accent)' }),
      Plot.text(rows, { y: 'label', x: 'count', text: (d: { count: number }) => String(d.count), dx: 3, textAnchor: 'start', fill: 'currentColor' }),
    ],
  });
}
