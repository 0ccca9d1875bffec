// Measures the resident memory of the browser's processes from /proc (Linux) while one benchmark step runs.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';

const PAGE = 4096;

/** Whether this system has a Linux /proc to read (elsewhere the bench prints no memory figures). */
export const canSample = existsSync('/proc/self/statm');

function read(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process ended between listing and reading
  }
}

/** Every process below `rootPid` (Chromium's browser, zygotes, renderers, GPU and utility processes), with its --type. */
export function processTree(rootPid) {
  const parent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    // The command name in parentheses may itself hold spaces or parentheses, so parse after the last ')'.
    if (stat) parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }
  const below = (pid) => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === rootPid) return true;
    return false;
  };
  const out = [];
  for (const pid of parent.keys()) {
    if (!below(pid)) continue;
    const cmdline = read(`/proc/${pid}/cmdline`) ?? '';
    const type = /--type=([\w-]+)/.exec(cmdline)?.[1] ?? (cmdline.includes('chrom') ? 'browser' : 'other');
    out.push({ pid, type });
  }
  return out;
}

const rss = (pid) => Number((read(`/proc/${pid}/statm`) ?? '0 0').split(' ')[1]) * PAGE;
const highWater = (pid) => Number(/VmHWM:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`) ?? '')?.[1] ?? 0) * 1024;

/**
 * Samples, every `intervalMs`, the summed RSS of the renderer processes (the page and its dedicated workers,
 * which run as threads there) and of all the browser's processes. Renderers' peak RSS (VmHWM) is also reset
 * at the start and read at the end, which catches a peak shorter than the sampling interval.
 * Results are bytes: the value at the start (baseline) and the peak, so peak − baseline is what the step added.
 */
export function startSampling(rootPid, intervalMs = 100) {
  const renderers = () => processTree(rootPid).filter((p) => p.type === 'renderer');
  const sample = () => {
    const tree = processTree(rootPid);
    let all = 0;
    let renderer = 0;
    for (const p of tree) {
      const bytes = rss(p.pid);
      all += bytes;
      if (p.type === 'renderer') renderer += bytes;
    }
    return { all, renderer };
  };
  let hwmReset = true;
  for (const p of renderers()) {
    try {
      writeFileSync(`/proc/${p.pid}/clear_refs`, '5');
    } catch {
      hwmReset = false;
    }
  }
  const baseline = sample();
  const peak = { ...baseline };
  const timer = setInterval(() => {
    const s = sample();
    peak.all = Math.max(peak.all, s.all);
    peak.renderer = Math.max(peak.renderer, s.renderer);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const s = sample();
      peak.all = Math.max(peak.all, s.all);
      peak.renderer = Math.max(peak.renderer, s.renderer);
      if (hwmReset) {
        let hwm = 0;
        for (const p of renderers()) hwm += highWater(p.pid);
        peak.renderer = Math.max(peak.renderer, hwm);
      }
      return { baseline, peak, hwmReset };
    },
  };
}
