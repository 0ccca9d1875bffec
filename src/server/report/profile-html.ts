// Writes a profile as one self-contained HTML file: the data as JSON, Observable Plot and a small renderer inline.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Profile } from '../../core/profile/types.ts';

const require = createRequire(import.meta.url);

/** Library and renderer sources, read once: d3 and Plot's UMD builds put `d3` and `Plot` on window. */
let assets: { d3: string; plot: string; renderer: string } | undefined;
function loadAssets(): { d3: string; plot: string; renderer: string } {
  assets ??= {
    // Neither package exports its UMD file by path: find it beside the resolved entry point.
    d3: readFileSync(join(dirname(require.resolve('d3')), 'd3.min.js'), 'utf8'),
    plot: readFileSync(join(dirname(require.resolve('@observablehq/plot')), '..', 'dist', 'plot.umd.min.js'), 'utf8'),
    renderer: readFileSync(new URL('./profile-report.client.js', import.meta.url), 'utf8'),
  };
  return assets;
}

/** Text safe inside <script>: no "</script", "<!--" or U+2028/9 can end or confuse the element. */
export function scriptSafe(text: string): string {
  return text.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Library code inside <script>: only the sequences that would end the element or open a comment are changed. */
function inlineScript(code: string): string {
  return code.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON with ±Infinity kept as strings (JSON has no Infinity). */
function profileData(profile: Profile): string {
  return JSON.stringify(profile, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? null : String(v)) : v));
}

export function profileHtml(profile: Profile, opts: { title: string; generatedAt?: Date }): string {
  const { d3, plot, renderer } = loadAssets();
  const when = (opts.generatedAt ?? new Date()).toISOString();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Lathe">
<title>Profile of ${escapeHtml(opts.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main id="report" data-title="${escapeHtml(opts.title)}" data-generated="${when}"><p>Loading the report… (it needs JavaScript)</p></main>
<script type="application/json" id="profile-data">${scriptSafe(profileData(profile))}</script>
<script>${inlineScript(d3)}</script>
<script>${inlineScript(plot)}</script>
<script>${inlineScript(renderer)}</script>
</body>
</html>
`;
}

const STYLE = `
:root { color-scheme: light dark; --bg: #f7f7f5; --surface: #fff; --text: #1c1c1e; --muted: #5f6368; --border: #e2e2de; --accent: #3b5bdb; --bad: #b42318; --bad-soft: #fdecea; --warn: #9a4a06; --warn-soft: #fdf3e3; }
@media (prefers-color-scheme: dark) { :root { --bg: #151517; --surface: #1f1f22; --text: #ececef; --muted: #a1a1aa; --border: #34343a; --accent: #8ea2ff; --bad: #f87171; --bad-soft: #3b1a1a; --warn: #fbbf24; --warn-soft: #3a2c10; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 20px 60px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 10px; } h3 { font-size: 15px; margin: 0; }
.muted { color: var(--muted); } .num { font-variant-numeric: tabular-nums; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 12px; }
.card { background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 12px 14px; }
.stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: 8px; }
.stat b { display: block; font-size: 18px; font-variant-numeric: tabular-nums; }
.alert { border-left: 3px solid var(--warn); background: var(--warn-soft); padding: 6px 10px; border-radius: 6px; margin: 4px 0; }
.alert.serious { border-color: var(--bad); background: var(--bad-soft); }
.alert code { font-weight: 650; }
table { border-collapse: collapse; font-size: 12.5px; } td, th { border-bottom: 1px solid var(--border); padding: 3px 8px; text-align: left; }
td.r { text-align: right; font-variant-numeric: tabular-nums; }
.tag { font-size: 10.5px; text-transform: uppercase; border: 1px solid var(--border); border-radius: 4px; padding: 0 5px; color: var(--muted); }
.scroll { overflow-x: auto; }
figure { margin: 8px 0 0; }
@media print { body { background: #fff; } .card { break-inside: avoid; } }
`;
