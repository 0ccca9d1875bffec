// Axis labels for category charts: how many characters to show, and the margin that room takes.

/** Average width of a character at the charts' 11px font, in pixels. */
const CHAR_PX = 6.2;

/** The label length shown (clamped to [4, max]) and the left margin it needs, plus padding. */
export function labelRoom(labels: readonly string[], max: number, padding = 10): { chars: number; margin: number } {
  const chars = Math.min(max, Math.max(4, ...labels.map((l) => l.length)));
  return { chars, margin: Math.round(chars * CHAR_PX) + padding };
}

/** A label cut to n characters, with an ellipsis when cut. */
export const shorten = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1) + '…' : s);
