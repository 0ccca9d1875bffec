// Writes the benchmark's synthetic CSV (seeded, so every run and machine gets the same bytes) into a cache folder.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Bumped whenever the generator's output changes, so an old cached file is never reused. */
const GENERATOR_VERSION = 1;
const SEED = 20240611;

/** 12 floats (1–12% missing), 4 integers, 3 categoricals (5, 12 and 50 levels) and a 0/1 label. */
export const COLUMNS = [
  ...Array.from({ length: 12 }, (_, i) => `f${String(i + 1).padStart(2, '0')}`),
  'age',
  'visits',
  'year',
  'amount_cents',
  'colour',
  'month',
  'city',
  'label',
];

const COLOURS = ['red', 'green', 'blue', 'yellow', 'purple'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const CITIES = Array.from({ length: 50 }, (_, i) => `city_${String(i + 1).padStart(2, '0')}`);
/** Missing share of f01…f12: 1% to 12%. */
const FLOAT_MISSING = Array.from({ length: 12 }, (_, i) => (i + 1) / 100);

/** sfc32: a small, fast PRNG with a 128-bit state; only integer arithmetic, so identical on every platform. */
function sfc32(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed | 0;
  const next = () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** Row generator: correlated pairs, a skewed column, a uniform one, and a label that depends on f01 and colour. */
function rowMaker(random) {
  let spare = NaN;
  const normal = () => {
    // Box–Muller, keeping the second value for the next call.
    if (spare === spare) {
      const s = spare;
      spare = NaN;
      return s;
    }
    const u = 1 - random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return () => {
    const z1 = normal();
    const z2 = normal();
    const f = [
      z1 * 10 + 50, // f01
      z1 * 8 + normal() * 3 + 40, // f02: strongly correlated with f01
      Math.exp(normal() * 0.9 + 2), // f03: log-normal, right-skewed
      random() * 100, // f04: uniform
      z2, // f05
      -z2 * 0.6 + normal() * 0.8, // f06: negatively correlated with f05
      normal() * 1000, // f07
      random() ** 3 * 500, // f08: skewed towards 0
      normal() * 0.01, // f09: small values
      normal() * 5 + 100, // f10
      Math.abs(normal()) * 20, // f11: half-normal
      random() * 2 - 1, // f12
    ];
    const fields = new Array(COLUMNS.length);
    for (let i = 0; i < 12; i++) fields[i] = random() < FLOAT_MISSING[i] ? '' : f[i].toFixed(i === 8 ? 7 : 5);
    fields[12] = String(18 + Math.floor(random() * 73)); // age 18–90
    fields[13] = String(Math.floor(-Math.log(1 - random()) * 3)); // visits: geometric-like counts
    fields[14] = String(1990 + Math.floor(random() * 35)); // year
    fields[15] = String(Math.floor(random() * 100_000_000)); // amount_cents
    const colour = Math.floor(random() ** 1.5 * COLOURS.length); // imbalanced
    fields[16] = COLOURS[colour];
    fields[17] = MONTHS[Math.floor(random() * MONTHS.length)];
    fields[18] = CITIES[Math.floor(random() ** 2 * CITIES.length)];
    const logit = z1 * 1.2 + (colour === 0 ? 0.8 : -0.2) + normal() * 0.5;
    fields[19] = logit > 0 ? '1' : '0';
    return fields.join(',');
  };
}

/**
 * Returns the path of the CSV with `rows` data rows, generating it when the cache lacks it (or its size
 * differs from what was recorded when it was written). The sha256 lets two machines check they benched the same bytes.
 */
export function syntheticCsv(rows, cacheDir, log = console.log) {
  mkdirSync(cacheDir, { recursive: true });
  const base = join(cacheDir, `profile-v${GENERATOR_VERSION}-s${SEED}-${rows}rows`);
  const path = base + '.csv';
  const metaPath = base + '.json';
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (statSync(path).size === meta.bytes) return { path, ...meta, cached: true };
  }
  log(`Generating ${rows.toLocaleString('en-US')} rows × ${COLUMNS.length} columns into ${path} …`);
  const started = performance.now();
  const random = sfc32(SEED);
  const row = rowMaker(random);
  const hash = createHash('sha256');
  const tmp = path + '.part';
  const fd = openSync(tmp, 'w');
  let bytes = 0;
  const write = (text) => {
    const buf = Buffer.from(text, 'utf8');
    hash.update(buf);
    writeSync(fd, buf);
    bytes += buf.length;
  };
  write(COLUMNS.join(',') + '\n');
  const BATCH = 10_000;
  for (let done = 0; done < rows; ) {
    const n = Math.min(BATCH, rows - done);
    const lines = new Array(n);
    for (let i = 0; i < n; i++) lines[i] = row();
    write(lines.join('\n') + '\n');
    done += n;
  }
  closeSync(fd);
  renameSync(tmp, path);
  const meta = { rows, columns: COLUMNS.length, bytes, sha256: hash.digest('hex'), seed: SEED, version: GENERATOR_VERSION };
  writeFileSync(metaPath, JSON.stringify(meta, null, 2) + '\n');
  log(`  written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { path, ...meta, cached: false };
}
