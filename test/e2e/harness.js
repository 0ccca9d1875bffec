// Shared set-up for the end-to-end tests: the built app on a free port, and Debian's Chromium.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.js';

export const RESULTS = 'test-results';
mkdirSync(RESULTS, { recursive: true });

const ARGS = [
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];

export async function serveApp() {
  // LATHE_DIST lets several builds (e.g. parallel work) be tested side by side.
  return startServer({ dir: process.env.LATHE_DIST ?? 'dist', port: 0 });
}

/** A browser with its own fresh profile directory; reopen() closes it and opens the same profile. */
export async function openBrowser(profileDir = mkdtempSync(join(tmpdir(), 'lathe-e2e-'))) {
  const launch = () =>
    chromium.launchPersistentContext(profileDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ARGS,
      viewport: { width: 1360, height: 900 },
      acceptDownloads: true,
    });
  let context = await launch();
  const errors = [];
  const watch = (ctx) =>
    ctx.on('page', (p) => p.on('pageerror', (e) => errors.push(String(e))));
  watch(context);
  return {
    profileDir,
    errors,
    get context() {
      return context;
    },
    async page() {
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (e) => errors.push(String(e)));
      page.setDefaultTimeout(60_000);
      return page;
    },
    async reopen() {
      await context.close();
      context = await launch();
      watch(context);
    },
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Records main-thread long tasks; read with longTasks(page). */
export async function installLongTaskObserver(page) {
  await page.addInitScript(() => {
    window.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}
export const resetLongTasks = (page) => page.evaluate(() => (window.__longtasks = []));
export const longTasks = (page) => page.evaluate(() => window.__longtasks.slice());

export const cell = (page, kind) => page.locator(`[data-testid="cell-${kind}"]`).first();

/** Waits until a cell reaches one of the given states. */
export async function waitForState(page, kind, states, timeout = 120_000) {
  const want = Array.isArray(states) ? states : [states];
  await page.waitForFunction(
    ([k, w]) => w.includes(document.querySelector(`[data-testid="cell-${k}"]`)?.getAttribute('data-state') ?? ''),
    [kind, want],
    { timeout },
  );
}

export async function shot(page, name) {
  await page.screenshot({ path: join(RESULTS, name + '.png'), fullPage: true });
}

/**
 * Registers before/after hooks that serve the app and open one browser page for a test file.
 * `start` runs once the page is open (e.g. to open a project); `ready` then receives the holder.
 * (Node 20 does not wait for one top-level before() hook before starting the next, so a file must
 * not read the holder from a before() hook of its own.)
 */
export function useApp({ path = '', start, ready } = {}) {
  const ctx = { app: undefined, browser: undefined, page: undefined };
  before(async () => {
    ctx.app = await serveApp();
    ctx.browser = await openBrowser();
    ctx.page = await ctx.browser.page();
    if (start) {
      await ctx.page.goto(ctx.app.url + path);
      await start(ctx.page);
    }
    ready?.(ctx);
  });
  after(async () => {
    await ctx.browser?.close();
    ctx.app?.server.close();
  });
  return ctx;
}

/** Opens a fresh copy of the sample project from the home page. */
export async function openNewSample(page) {
  await page.getByTestId('new-sample').click();
  await page.getByTestId('notebook').waitFor();
}
