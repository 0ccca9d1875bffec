// Chooses the fastest TF.js backend that really works here (webgpu → webgl → wasm → cpu), and says why.

import * as tf from '@tensorflow/tfjs';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendProbe {
  name: string;
  available: boolean;
  note: string;
}

export interface BackendChoice {
  name: string;
  reason: string;
  probes: BackendProbe[];
}

export interface BackendOptions {
  /** Use this backend whenever it initialises, even a software one (the user asked for it). */
  prefer?: BackendName;
  /** File map for the wasm binaries (bundler URLs), passed to setWasmPaths. */
  wasmPaths?: Record<string, string>;
}

const ORDER: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render driver|microsoft basic/i;
/** A GPU process that never answers must not stall model training forever. */
const ADAPTER_TIMEOUT_MS = 3000;

interface Detection {
  ok: boolean;
  note: string;
  /** A software emulation: works, but slower than wasm, so only used when asked for. */
  software?: boolean;
}

export async function selectBackend(opts: BackendOptions = {}): Promise<BackendChoice> {
  const probes: BackendProbe[] = [];
  const candidates = opts.prefer ? [opts.prefer, ...ORDER.filter((n) => n !== opts.prefer)] : ORDER;
  let preferNote = '';

  for (const name of candidates) {
    const requested = name === opts.prefer;
    const found = await detect(name);
    if (!found.ok || (found.software && !requested)) {
      probes.push({ name, available: false, note: found.note });
      if (requested) preferNote = `${name} was requested but is unavailable (${found.note}); `;
      continue;
    }
    const failure = await activate(name, opts);
    if (failure) {
      probes.push({ name, available: false, note: `${found.note}; failed to start: ${failure}` });
      if (requested) preferNote = `${name} was requested but failed to start (${failure}); `;
      continue;
    }
    probes.push({ name, available: true, note: found.note });
    const reason = requested
      ? `${name} as requested` + (found.software ? ' (software emulation: expect it to be slow)' : '')
      : preferNote + `${name} is the fastest backend that works here (${found.note})`;
    return { name, reason, probes };
  }
  // The cpu backend ships with tfjs, so reaching here means tfjs itself is broken.
  throw new Error('No TensorFlow.js backend could start: ' + probes.map((p) => `${p.name}: ${p.note}`).join('; '));
}

async function detect(name: BackendName): Promise<Detection> {
  try {
    switch (name) {
      case 'webgpu':
        return await detectWebGpu();
      case 'webgl':
        return detectWebGl();
      case 'wasm':
        return typeof WebAssembly === 'object'
          ? { ok: true, note: 'WebAssembly is available' }
          : { ok: false, note: 'no WebAssembly support' };
      case 'cpu':
        return { ok: true, note: 'plain JavaScript, always available' };
    }
  } catch (err) {
    return { ok: false, note: 'probe failed: ' + errorText(err) };
  }
}

/** Sets the backend and waits for it; returns why it failed, or null. */
async function activate(name: BackendName, opts: BackendOptions): Promise<string | null> {
  try {
    // Backend packages are large: load them only when they are about to be used.
    if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
    if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (opts.wasmPaths) {
        try {
          wasm.setWasmPaths(opts.wasmPaths as Parameters<typeof wasm.setWasmPaths>[0]);
        } catch {
          // Already initialised by an earlier call: the paths it used then still apply.
        }
      }
    }
    // setBackend resolves false instead of throwing when initialisation fails.
    if (!(await tf.setBackend(name))) return 'tf.setBackend returned false';
    await tf.ready();
    if (tf.getBackend() !== name) return `tfjs is running on ${tf.getBackend()} instead`;
    return null;
  } catch (err) {
    return errorText(err);
  }
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: AdapterInfoLike;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null>;
}

async function detectWebGpu(): Promise<Detection> {
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (!gpu) return { ok: false, note: 'navigator.gpu is absent' };
  const adapter = await withTimeout(gpu.requestAdapter({ powerPreference: 'high-performance' }), ADAPTER_TIMEOUT_MS);
  if (adapter === 'timeout') return { ok: false, note: 'the GPU adapter request timed out' };
  if (!adapter) return { ok: false, note: 'no WebGPU adapter' };
  const info = adapter.info ?? {};
  const label = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  // Chrome exposes a CPU (SwiftShader) fallback adapter that would be slower than wasm.
  if (info.isFallbackAdapter || adapter.isFallbackAdapter) {
    return { ok: true, software: true, note: `fallback (software) adapter${label ? ': ' + label : ''}` };
  }
  if (/swiftshader/i.test(label)) return { ok: true, software: true, note: `software adapter: ${label}` };
  return { ok: true, note: `adapter ${label || '(no details)'}` };
}

interface WebGlLike {
  getExtension(name: string): { UNMASKED_RENDERER_WEBGL?: number; loseContext?: () => void } | null;
  getParameter(p: number): unknown;
  RENDERER: number;
}

function detectWebGl(): Detection {
  let canvas: { getContext(id: 'webgl2'): unknown } | undefined;
  if (typeof OffscreenCanvas !== 'undefined') canvas = new OffscreenCanvas(1, 1);
  else if (typeof document !== 'undefined') canvas = document.createElement('canvas');
  if (!canvas) return { ok: false, note: 'no OffscreenCanvas or document to draw on' };
  const gl = canvas.getContext('webgl2') as WebGlLike | null;
  if (!gl) return { ok: false, note: 'no WebGL2 context' };
  try {
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(
      debug?.UNMASKED_RENDERER_WEBGL !== undefined ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
    );
    if (SOFTWARE_RENDERER.test(renderer)) return { ok: true, software: true, note: `software renderer: ${renderer}` };
    return { ok: true, note: `renderer ${renderer}` };
  } finally {
    // Browsers cap live WebGL contexts; tfjs makes its own, so release the probe's now.
    gl.getExtension('WEBGL_lose_context')?.loseContext?.();
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
