// Number formatting for people: sensible precision, thousands separators, percentages.

export function fmt(v: number | undefined | null): string {
  if (v === undefined || v === null || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e7 || a < 1e-3)) return v.toExponential(2);
  if (Number.isInteger(v)) return v.toLocaleString();
  return v.toLocaleString(undefined, { maximumSignificantDigits: a >= 1000 ? 6 : 4 });
}

export function pct(v: number, digits = 1): string {
  return (v * 100).toFixed(digits) + '%';
}
