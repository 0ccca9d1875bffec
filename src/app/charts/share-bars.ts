// Horizontal bars of shares (0..1) per label, the percentage printed at the end of each bar.
import type { PlotModule } from './plot-loader';
import { labelRoom, shorten } from './labels';

export interface ShareRow {
  label: string;
  share: number;
  /** Hover text; defaults to the label and the percentage. */
  title?: string;
}

export interface ShareBarsOptions {
  width: number;
  rowHeight?: number;
  fontSize?: string;
  /** Bar colour (a CSS colour or variable); the accent by default. */
  fill?: string;
  /** Upper end of the axis; 1 (100%) by default. */
  max?: number;
}

const percent = (v: number) => (v === 0 ? '0%' : v < 0.001 ? '<0.1%' : `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`);

export function shareBars(Plot: PlotModule, rows: ShareRow[], opts: ShareBarsOptions): Element {
  const { chars: labelChars, margin: labelMargin } = labelRoom(rows.map((r) => r.label), 24);
  const rowHeight = opts.rowHeight ?? 20;
  return Plot.plot({
    width: opts.width,
    height: 28 + rows.length * rowHeight,
    marginLeft: labelMargin,
    marginRight: 44,
    marginTop: 4,
    marginBottom: 22,
    style: { background: 'transparent', fontSize: opts.fontSize ?? '11px' },
    x: { domain: [0, opts.max ?? 1], label: null, grid: true, ticks: 4, tickFormat: '.0%' },
    y: {
      domain: rows.map((r) => r.label),
      label: null,
      tickSize: 0,
      tickFormat: (s: string) => shorten(s, labelChars),
    },
    marks: [
      Plot.barX(rows, {
        y: 'label',
        x: 'share',
        fill: opts.fill ?? 'var(--accent)',
        title: (r: ShareRow) => r.title ?? `${r.label}: ${percent(r.share)}`,
        tip: { fontSize: 12 },
      }),
      Plot.text(rows, { y: 'label', x: 'share', text: (r: ShareRow) => percent(r.share), dx: 4, textAnchor: 'start', fill: 'currentColor' }),
    ],
  });
}
