// DuckDB-WASM, the peer: loads the same Blob with read_csv_auto and runs SUMMARIZE, timing each step.
import * as duckdb from '@duckdb/duckdb-wasm';

/** The bench server maps /duckdb/ to node_modules/@duckdb/duckdb-wasm/dist, so nothing comes from a CDN. */
const DIST = new URL('/duckdb/', location.href).href;
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: DIST + 'duckdb-mvp.wasm', mainWorker: DIST + 'duckdb-browser-mvp.worker.js' },
  eh: { mainModule: DIST + 'duckdb-eh.wasm', mainWorker: DIST + 'duckdb-browser-eh.worker.js' },
};

/** One SUMMARIZE row, reduced to what the bench cross-checks against Lathe's profile. */
export interface SummaryRow {
  column: string;
  type: string;
  count: number;
  nullPercentage: number;
  approxUnique: number;
}

export interface DuckDBRun {
  bundle: string;
  /** Worker start, wasm instantiation and the warm-up run: not part of the timed run, shown for context. */
  startupMs: number;
  loadMs: number;
  summarizeMs: number;
  rows: number;
  summary: SummaryRow[];
}

/**
 * Loads `blob` into a table and summarizes it, in a fresh DuckDB instance. The same statements run first,
 * untimed, on `warmup` (the start of the file): wasm code is compiled lazily, and the first use of the CSV
 * reader and of SUMMARIZE would otherwise count seconds of compilation as work.
 */
export async function duckdbSummarize(blob: Blob, warmup: Blob): Promise<DuckDBRun> {
  const s0 = performance.now();
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    // Casting in the result conversion only touches SUMMARIZE's 20 output rows, not the scan.
    await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
    const conn = await db.connect();
    await db.registerFileHandle('warmup.csv', warmup, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    await conn.query(`CREATE TABLE w AS SELECT * FROM read_csv_auto('warmup.csv')`);
    await conn.query('SUMMARIZE w');
    await conn.query('DROP TABLE w');
    const startupMs = performance.now() - s0;

    const t0 = performance.now();
    await db.registerFileHandle('data.csv', blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    await conn.query(`CREATE TABLE t AS SELECT * FROM read_csv_auto('data.csv')`);
    const t1 = performance.now();
    const result = await conn.query('SUMMARIZE t');
    const t2 = performance.now();

    const rowsResult = await conn.query('SELECT count(*)::DOUBLE AS n FROM t');
    const summary = result.toArray().map((r): SummaryRow => {
      const row = r.toJSON() as Record<string, unknown>;
      return {
        column: String(row.column_name),
        type: String(row.column_type),
        count: Number(row.count),
        nullPercentage: Number(row.null_percentage),
        approxUnique: Number(row.approx_unique),
      };
    });
    await conn.close();
    return {
      bundle: bundle.mainModule.endsWith('eh.wasm') ? 'eh' : 'mvp',
      startupMs,
      loadMs: t1 - t0,
      summarizeMs: t2 - t1,
      rows: Number(rowsResult.toArray()[0].toJSON().n),
      summary,
    };
  } finally {
    // Frees the wasm heap, so the next run's memory baseline starts clean.
    await db.terminate();
  }
}
