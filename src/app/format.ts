// Number formatting for people: sensible precision, thousands separators, percentages.

// Formatters are built once: toLocaleString makes an Intl formatter per call, which shows up when a
// report prints thousands of figures.
const grouped = new Intl.NumberFormat();
const sig4 = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 });
const sig6 = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 6 });

/** A count with thousands separators. */
export const int = (n: number): string => grouped.format(n);

/** A number for people: sensible precision, thousands separators, ∞, exponent for the very large or small. */
export function fmt(v: number | undefined | null): string {
  if (v === undefined || v === null || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e7 || a < 1e-3)) return v.toExponential(2);
  if (Number.isInteger(v)) return grouped.format(v);
  return (a >= 1000 ? sig6 : sig4).format(v);
}

export function pct(v: number, digits = 1): string {
  return (v * 100).toFixed(digits) + '%';
}
