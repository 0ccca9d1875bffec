// Misra–Gries frequent values: with m counters, every value occurring more than n / (m + 1) times is kept.

import { CountTable } from './count-table.ts';
import { SEED_TABLE } from './float-hash.ts';

/**
 * Keeps at most m candidate values with lower-bound counts. A value not yet held when all m counters are in
 * use costs every counter one (and is itself dropped); each such step removes m + 1 from the total, so a
 * value occurring more than n / (m + 1) times can never be emptied out. Counts here are underestimates:
 * callers recount the candidates exactly in a second pass.
 */
export class FrequentValues {
  private table: CountTable;

  constructor(readonly m: number) {
    this.table = new CountTable(SEED_TABLE, m);
  }

  /** v finite (−0 as 0), h its hash under SEED_TABLE. */
  add(v: number, h: number): void {
    if (this.table.bump(v, h)) return;
    if (this.table.size < this.m) {
      this.table.add(v, h);
      return;
    }
    this.table.filter((_, c) => c - 1);
  }

  candidates(): Float64Array {
    return this.table.entries().values;
  }
}
