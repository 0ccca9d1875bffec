import { describe, expect, it } from 'vitest';
import { DECIMAL, INTEGER, NOT_PLAIN, readDecimal } from '../../../../src/core/parse/decimal-bytes.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** readDecimal on a whole string: [result kind, value written (NaN when none)]. */
function read(s: string): [number, number] {
  const out = new Float64Array([NaN]);
  const kind = readDecimal(enc(s), 0, s.length, out, 0);
  return [kind, out[0]];
}

/** A small deterministic generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function digits(rnd: () => number, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(Math.floor(rnd() * 10));
  return out;
}

describe('readDecimal', () => {
  it('reads plain integers and decimals as Number() does, sign of zero included', () => {
    for (const s of ['0', '-0', '+0', '7', '-12', '+5', '007', '1.5', '-0.25', '.5', '-.5', '5.', '0.000123', '-0.0', '123456789012345', '999999999999999']) {
      const [kind, v] = read(s);
      expect(kind, s).not.toBe(NOT_PLAIN);
      expect(Object.is(v, Number(s)), `${s}: ${v} vs ${Number(s)}`).toBe(true);
    }
  });

  it('tells integers (no point) from decimals', () => {
    expect(read('42')[0]).toBe(INTEGER);
    expect(read('-42')[0]).toBe(INTEGER);
    expect(read('42.')[0]).toBe(DECIMAL);
    expect(read('42.0')[0]).toBe(DECIMAL);
    expect(read('.5')[0]).toBe(DECIMAL);
  });

  it('leaves exponents, long mantissas, infinities and non-numbers to the slow path', () => {
    for (const s of ['1e3', '1E-2', 'inf', 'Infinity', 'NaN', '1234567890123456', '0.1234567890123456', '1.' + '0'.repeat(23), '', '.', '-', '+', '1.2.3', '1,5', '0x10', '1_000', '--1', '1-', ' 1', '1 ']) {
      expect(read(s)[0], s).toBe(NOT_PLAIN);
    }
  });

  it('counts significant digits after leading zeros only', () => {
    // 15 significant digits behind 5 zeros: still exact on the fast path.
    const s = '0.00000' + '123456789012345';
    const [kind, v] = read(s);
    expect(kind).toBe(DECIMAL);
    expect(v).toBe(Number(s));
    // Trailing zeros are significant digits: 16 of them need the slow path.
    expect(read('1000000000000000')[0]).toBe(NOT_PLAIN);
  });

  it('matches Number() exactly on 200,000 random decimals', () => {
    const rnd = random(20240229);
    const wrong: string[] = [];
    let fast = 0;
    for (let k = 0; k < 200_000; k++) {
      const intDigits = Math.floor(rnd() * 10);
      const fracDigits = Math.floor(rnd() * 10);
      const sign = rnd() < 0.3 ? '-' : rnd() < 0.05 ? '+' : '';
      const point = fracDigits > 0 || rnd() < 0.1;
      const s = sign + digits(rnd, intDigits) + (point ? '.' : '') + digits(rnd, fracDigits);
      const [kind, v] = read(s);
      const significant = s.replace(/[-+.]/g, '').replace(/^0+/, '').length;
      if (kind === NOT_PLAIN) {
        // Only texts without digits or with over 15 significant digits fall back.
        if (/\d/.test(s) && significant <= 15) wrong.push(`${s}: slow path`);
        continue;
      }
      fast++;
      if (significant > 15) wrong.push(`${s}: fast path with ${significant} digits`);
      if (!Object.is(v, Number(s))) wrong.push(`${s}: ${v} instead of ${Number(s)}`);
      if (kind !== (point ? DECIMAL : INTEGER)) wrong.push(`${s}: kind ${kind}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(fast).toBeGreaterThan(150_000);
  });

  it('matches Number() on decimals at the edge of the fast path (15 significant digits, up to 22 decimals)', () => {
    const rnd = random(7);
    const wrong: string[] = [];
    for (let k = 0; k < 100_000; k++) {
      const frac = 15 + Math.floor(rnd() * 9);
      const s = (rnd() < 0.5 ? '-' : '') + '0.' + '0'.repeat(frac - 15) + digits(rnd, 15);
      const [kind, v] = read(s);
      if (kind === NOT_PLAIN) {
        if (frac <= 22) wrong.push(`${s}: slow path`);
      } else if (!Object.is(v, Number(s))) {
        wrong.push(`${s}: ${v} instead of ${Number(s)}`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
