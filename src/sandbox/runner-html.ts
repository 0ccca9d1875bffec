// The sandbox iframe's document: a content security policy and a tiny runner that starts the code worker and relays its messages.

/**
 * What the sandbox may do, on top of the opaque origin that `sandbox="allow-scripts"` already gives it (no
 * cookies, no IndexedDB or other storage, no access to the page): run its inline runner, blob: scripts and
 * workers, and code made with new Function, and nothing else. connect-src 'none' keeps a notebook's code
 * from sending the data anywhere (fetch, XHR, WebSocket, EventSource); workers made from blob: URLs inherit
 * this policy.
 */
export const SANDBOX_CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; worker-src blob:; connect-src 'none'";

// The runner is plain ES2020 in a string: it runs inside the iframe, which cannot load the app's own scripts.
const RUNNER = `
'use strict';
let worker = null;
let origin = null;
const buffers = (t) => (t && Array.isArray(t.columns) ? t.columns.map((c) => (c.values || c.codes || {}).buffer).filter((b) => b instanceof ArrayBuffer) : []);
const up = (m, transfer) => parent.postMessage(m, origin || '*', transfer || []);
addEventListener('message', (e) => {
  if (e.source !== parent) return;
  const m = e.data;
  if (m && m.type === 'start' && !worker) {
    origin = typeof m.origin === 'string' && m.origin.startsWith('http') ? m.origin : null;
    const url = URL.createObjectURL(m.worker);
    worker = new Worker(url, { name: 'lathe-code' });
    worker.onmessage = (w) => up(w.data, w.data && w.data.type === 'done' ? buffers(w.data.table) : []);
    worker.onerror = (ev) => {
      ev.preventDefault();
      up({ type: 'failed', logs: [], failure: { kind: 'sandbox', message: 'The code sandbox stopped: ' + (ev.message || 'its worker could not start') + '.' } });
    };
    worker.postMessage({ danfo: m.danfo, code: m.code, table: m.table }, buffers(m.table));
  } else if (m && m.type === 'stop' && worker) {
    worker.terminate();
  }
});
parent.postMessage({ type: 'ready' }, '*');
`;

export const RUNNER_HTML = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${SANDBOX_CSP}"><title>Lathe code sandbox</title></head><body><script>${RUNNER}</script></body></html>`;
