import { describe, expect, it } from 'vitest';
import { CountTable } from '../../../../src/core/profile/count-table.ts';
import { hashFloat } from '../../../../src/core/profile/float-hash.ts';
import { FrequentValues } from '../../../../src/core/profile/frequent-values.ts';

const SEED = 17;

describe('CountTable', () => {
  it('counts like a Map through growth, and filters', () => {
    const table = new CountTable(SEED);
    const reference = new Map<number, number>();
    for (let i = 0; i < 20_000; i++) {
      const v = (i * 7919) % 6007;
      expect(table.add(v, hashFloat(v, SEED))).toBe(!reference.has(v));
      reference.set(v, (reference.get(v) ?? 0) + 1);
    }
    expect(table.size).toBe(reference.size);
    for (const [v, c] of reference) expect(table.count(v, hashFloat(v, SEED))).toBe(c);
    expect(table.count(-1, hashFloat(-1, SEED))).toBe(0);
    expect(table.bump(-1, hashFloat(-1, SEED))).toBe(false);
    table.filter((v, c) => (v < 100 ? c * 10 : 0));
    expect(table.size).toBe(100);
    expect(table.count(5, hashFloat(5, SEED))).toBe(10 * (reference.get(5) as number));
    const { values, counts } = table.entries();
    expect(values.length).toBe(100);
    expect(counts.every((c) => c > 0)).toBe(true);
  });
});

describe('FrequentValues', () => {
  it('keeps every value occurring more than n / (m + 1) times', () => {
    const m = 40;
    const frequent = new FrequentValues(m);
    const stream: number[] = [];
    // Three heavy values among 10,000 values, the rest all different.
    for (let i = 0; i < 10_000; i++) stream.push(i % 10 === 0 ? 1 : i % 25 === 0 ? 2 : i % 40 === 3 ? 3 : 1000 + i);
    for (const v of stream) frequent.add(v, hashFloat(v, 0x2545f491));
    const candidates = new Set(frequent.candidates());
    const counts = new Map<number, number>();
    for (const v of stream) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const [v, c] of counts) if (c > stream.length / (m + 1)) expect(candidates.has(v), `${v} (${c} times)`).toBe(true);
    expect(candidates.size).toBeLessThanOrEqual(m);
  });
});
