// The Split cell's summary charts: class shares per part (train, validation, test, each fold's test rows) as
// stacked bars, or the target's mean ± one standard deviation per part for regression.
import type { PlotModule } from '../../app/charts/plot-loader';
import { labelRoom } from '../../app/charts/labels';
import type { PartSummary } from './make-split';

const sig4 = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 });
const percent = (v: number) => `${Math.round(v * 100)}%`;

/** Categorical colours for classes: they name categories, so distinct hues carry meaning here. */
export const CLASS_COLORS = ['#6366f1', '#f59e0b', '#10b981', '#ef4444', '#0ea5e9', '#a855f7', '#84cc16', '#ec4899', '#14b8a6', '#f97316'];

export function classShareBars(Plot: PlotModule, parts: PartSummary[], classes: string[], opts: { width: number }): Element {
  const rows = parts.flatMap((p) =>
    classes.map((cls, i) => {
      const count = p.classCounts?.[i] ?? 0;
      const share = p.rows ? count / p.rows : 0;
      return { part: p.name, cls, count, share, title: `${p.name} · ${cls}: ${count.toLocaleString()} rows (${percent(share)})` };
    }),
  );
  const names = parts.map((p) => p.name);
  const { margin } = labelRoom(names, 14);
  return Plot.plot({
    width: opts.width,
    height: 40 + parts.length * 24,
    marginLeft: margin,
    marginRight: 12,
    marginTop: 4,
    marginBottom: 24,
    style: { background: 'transparent', fontSize: '11px' },
    x: { domain: [0, 1], label: null, ticks: 5, tickFormat: '.0%', grid: true },
    y: { domain: names, label: null, tickSize: 0 },
    color: { domain: classes, range: CLASS_COLORS, legend: true },
    marks: [
      Plot.barX(rows, Plot.stackX({ y: 'part', x: 'share', fill: 'cls', order: classes, title: 'title', inset: 0.5, tip: { fontSize: 12 } })),
      Plot.text(
        rows.filter((r) => r.share >= 0.12),
        Plot.stackX({ y: 'part', x: 'share', z: 'cls', order: classes, text: (r: { share: number }) => percent(r.share), fill: 'white', fontWeight: 600 }),
      ),
    ],
  });
}

export function targetSpread(Plot: PlotModule, parts: PartSummary[], opts: { width: number; label: string }): Element {
  const rows = parts
    .filter((p) => p.mean !== undefined && Number.isFinite(p.mean))
    .map((p) => ({
      part: p.name,
      mean: p.mean as number,
      lo: (p.mean as number) - (p.std ?? 0),
      hi: (p.mean as number) + (p.std ?? 0),
      title: `${p.name}: mean ${sig4.format(p.mean as number)}, standard deviation ${sig4.format(p.std ?? 0)}`,
    }));
  const names = parts.map((p) => p.name);
  const { margin } = labelRoom(names, 14);
  return Plot.plot({
    width: opts.width,
    height: 40 + parts.length * 22,
    marginLeft: margin,
    marginRight: 16,
    marginTop: 4,
    marginBottom: 30,
    style: { background: 'transparent', fontSize: '11px' },
    x: { label: `${opts.label}: mean ± 1 sd`, grid: true, ticks: 5 },
    y: { domain: names, label: null, tickSize: 0 },
    marks: [
      Plot.ruleY(rows, { y: 'part', x1: 'lo', x2: 'hi', stroke: 'var(--accent)', strokeWidth: 2, strokeOpacity: 0.6 }),
      Plot.dot(rows, { y: 'part', x: 'mean', fill: 'var(--accent)', r: 4, title: 'title', tip: { fontSize: 12 } }),
    ],
  });
}
