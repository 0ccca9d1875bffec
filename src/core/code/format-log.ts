// Turns what user code passes to console.log / helpers.log into one line of text for the cell's log panel.

const MAX_ITEMS = 50;
const MAX_DEPTH = 2;
/** A single logged line is cut here: a log is for reading, not for moving data. */
export const MAX_LOG_TEXT = 10_000;

function formatValue(v: unknown, depth: number, seen: Set<object>): string {
  switch (typeof v) {
    case 'string':
      return depth === 0 ? v : JSON.stringify(v);
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return `${v}n`;
    case 'boolean':
    case 'undefined':
      return String(v);
    case 'symbol':
      return v.toString();
    case 'function':
      return `[Function${v.name ? ' ' + v.name : ''}]`;
  }
  if (v === null) return 'null';
  const obj = v as object;
  if (seen.has(obj)) return '[Circular]';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  if (v instanceof Error) return v.stack && depth === 0 ? v.stack : `${v.name}: ${v.message}`;
  if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) {
    const items = v as ArrayLike<unknown>;
    if (depth >= MAX_DEPTH) return `[Array(${items.length})]`;
    seen.add(obj);
    const shown: string[] = [];
    for (let i = 0; i < Math.min(items.length, MAX_ITEMS); i++) shown.push(formatValue(items[i], depth + 1, seen));
    seen.delete(obj);
    if (items.length > MAX_ITEMS) shown.push(`… ${(items.length - MAX_ITEMS).toLocaleString('en-US')} more`);
    return `[${shown.join(', ')}]`;
  }
  // Objects that describe themselves (a danfojs DataFrame prints as a table) do so.
  const own = (v as { toString?: unknown }).toString;
  if (typeof own === 'function' && own !== Object.prototype.toString) {
    try {
      return String(own.call(v));
    } catch {
      // fall through to the generic form
    }
  }
  if (depth >= MAX_DEPTH) return '{…}';
  seen.add(obj);
  const keys = Object.keys(obj);
  const shown = keys.slice(0, MAX_ITEMS).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${formatValue((obj as Record<string, unknown>)[k], depth + 1, seen)}`);
  seen.delete(obj);
  if (keys.length > MAX_ITEMS) shown.push(`… ${(keys.length - MAX_ITEMS).toLocaleString('en-US')} more`);
  return shown.length ? `{ ${shown.join(', ')} }` : '{}';
}

/** The arguments of one console call as one text, space-separated like the browser console, cut at MAX_LOG_TEXT. */
export function formatLogArgs(args: readonly unknown[]): string {
  const text = args.map((a) => formatValue(a, 0, new Set())).join(' ');
  return text.length > MAX_LOG_TEXT ? text.slice(0, MAX_LOG_TEXT) + ' …' : text;
}
