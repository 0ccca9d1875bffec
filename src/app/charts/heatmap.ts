// A correlation matrix as a heatmap: a diverging colour scale over −1..1, values printed in the cells
// when they fit, and each pair's value on hover.
import type { PlotModule } from './plot-loader';
import { labelRoom, shorten } from './labels';

export interface HeatmapOptions {
  /** Width available, in px; cells shrink to fit it (down to a minimum) and stay square. */
  width: number;
  fontSize?: string;
}

/** Colours of −1, 0 and +1 (0 follows the page's palette, for light and dark mode). */
export function heatmapColors(): [string, string, string] {
  return ['#e07b1a', cssColor('--surface-2', '#f1f3f6'), '#6d5bd0'];
}

/** Reads a colour from the page's palette so the chart follows light and dark mode. */
function cssColor(name: string, fallback: string): string {
  if (typeof getComputedStyle !== 'function') return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** ".83", "−.21", "1.00": two decimals, no leading zero, no "−.00". */
export function corrText(v: number): string {
  const r = Math.round(v * 100) / 100;
  return (r === 0 ? 0 : r).toFixed(2).replace('-', '−').replace(/^(−?)0\./, '$1.');
}


export function correlationHeatmap(
  Plot: PlotModule,
  columns: string[],
  matrix: (number | null)[][],
  opts: HeatmapOptions,
): Element {
  const n = columns.length;
  const { chars: labelChars, margin } = labelRoom(columns, 22, 12);
  const cell = Math.max(12, Math.min(52, Math.floor((opts.width - margin - 16) / Math.max(1, n))));
  const showValues = cell >= 30;
  const cells = columns.flatMap((a, i) =>
    columns.map((b, j) => {
      const v = matrix[i]?.[j] ?? null;
      return { a, b, v, title: `${a} × ${b}\n${v === null ? 'not defined (constant or no overlap)' : v.toFixed(3)}` };
    }),
  );
  const defined = cells.filter((d) => d.v !== null);
  const undefinedCells = cells.filter((d) => d.v === null);
  const strong = (d: { v: number | null }) => Math.abs(d.v ?? 0) >= 0.55;
  return Plot.plot({
    width: margin + n * cell + 16,
    height: margin + n * cell + 8,
    marginLeft: margin,
    marginTop: margin,
    marginRight: 16,
    marginBottom: 8,
    padding: 0,
    style: { background: 'transparent', fontSize: opts.fontSize ?? '11px' },
    x: { axis: 'top', domain: columns, label: null, tickRotate: -45, tickSize: 0, tickFormat: (s: string) => shorten(s, labelChars) },
    y: { domain: columns, label: null, tickSize: 0, tickFormat: (s: string) => shorten(s, labelChars) },
    color: {
      type: 'linear',
      domain: [-1, 0, 1],
      range: heatmapColors(),
      clamp: true,
    },
    marks: [
      // Undefined pairs (a constant column, no overlap) are grey, not coloured as if zero.
      Plot.cell(undefinedCells, { x: 'b', y: 'a', fill: cssColor('--border', '#e2e5ea'), inset: 0.5, title: 'title', tip: { fontSize: 12 } }),
      Plot.cell(defined, { x: 'b', y: 'a', fill: 'v', inset: 0.5, title: 'title', tip: { fontSize: 12 } }),
      ...(showValues
        ? [
            Plot.text(defined, {
              x: 'b',
              y: 'a',
              text: (d: { v: number }) => corrText(d.v),
              fill: (d: { v: number }) => (strong(d) ? 'white' : cssColor('--text', '#1c2330')),
              fontSize: cell >= 44 ? 12 : cell >= 38 ? 11 : 9.5,
              pointerEvents: 'none',
            }),
          ]
        : []),
    ],
  });
}
