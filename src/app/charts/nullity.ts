// The nullity matrix: one band per column across sampled rows, marked where the value is missing. Runs
// of missing rows are drawn as one rectangle each, so thousands of sampled cells stay a few marks.
import type { PlotModule } from './plot-loader';
import { labelRoom, shorten } from './labels';

// Built once: toLocaleString() makes a formatter per call, slow over many runs.
const grouped = new Intl.NumberFormat();

export interface NullityOptions {
  width: number;
  fontSize?: string;
}

interface Run {
  column: string;
  from: number;
  to: number;
  rows: string;
}

export function nullityMatrix(
  Plot: PlotModule,
  columns: string[],
  /** Per column, per sampled row: 1 when missing. */
  matrix: number[][],
  /** The data-row index of each sampled row (for the hover text). */
  sampleRows: number[],
  opts: NullityOptions,
): Element {
  const n = sampleRows.length;
  const runs: Run[] = [];
  columns.forEach((column, c) => {
    const m = matrix[c] ?? [];
    for (let i = 0; i < n; i++) {
      if (!m[i]) continue;
      let j = i;
      while (j + 1 < n && m[j + 1]) j++;
      const first = (sampleRows[i] ?? i) + 1;
      const last = (sampleRows[j] ?? j) + 1;
      runs.push({ column, from: i, to: j + 1, rows: first === last ? `row ${grouped.format(first)}` : `rows ${grouped.format(first)}–${grouped.format(last)}` });
      i = j;
    }
  });
  const { chars: labelChars, margin: labelMargin } = labelRoom(columns, 24);
  const rowHeight = columns.length > 30 ? 10 : 16;
  const firstRow = (sampleRows[0] ?? 0) + 1;
  const lastRow = (sampleRows[n - 1] ?? n - 1) + 1;
  return Plot.plot({
    width: opts.width,
    height: 34 + columns.length * rowHeight,
    marginLeft: labelMargin,
    marginRight: 10,
    marginTop: 6,
    marginBottom: 28,
    style: { background: 'transparent', fontSize: opts.fontSize ?? '11px' },
    x: {
      domain: [0, Math.max(1, n)],
      label: `Sampled rows (${grouped.format(n)}, from row ${grouped.format(firstRow)} to ${grouped.format(lastRow)})`,
      labelAnchor: 'center',
      labelArrow: 'none',
      ticks: [],
    },
    y: {
      domain: columns,
      label: null,
      tickSize: 0,
      padding: 0.12,
      tickFormat: (s: string) => shorten(s, labelChars),
    },
    marks: [
      Plot.barX(columns, { y: (d: string) => d, x1: 0, x2: Math.max(1, n), fill: 'var(--faint)', fillOpacity: 0.16 }),
      Plot.barX(runs, { y: 'column', x1: 'from', x2: 'to', fill: 'var(--warn)', title: (d: Run) => `${d.column}: missing in ${d.rows}`, tip: { fontSize: 12 } }),
    ],
  });
}
