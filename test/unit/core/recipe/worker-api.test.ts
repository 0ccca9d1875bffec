// The data worker's recipe functions (workers/recipe-api.ts), run in Node over fake-indexeddb.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { PREVIEW_ROWS, recipeApi } from '../../../../workers/recipe-api';
import { remember } from '../../../../workers/tables';
import { readDataset, writeDataset } from '../../../../src/store/datasets';
import type { Recipe } from '../../../../src/core/recipe/types';
import { messy, num, reference, table, txt, values } from './helpers.ts';

function ok<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const recipe: Recipe = {
  version: 1,
  steps: [
    { id: 'a', kind: 'impute', columns: ['income'], method: 'median' },
    { id: 'b', kind: 'filter', expression: 'age >= 30' },
    { id: 'c', kind: 'derive', name: 'ratio', expression: 'income / age' },
  ],
};

describe('recipePreview', () => {
  it('previews a small table whole, reusing unchanged steps on the next call', async () => {
    await writeDataset({ id: 'm1', projectId: 'p', name: 'messy' }, messy());
    const first = ok(await recipeApi.recipePreview('m1', recipe));
    expect(first.rows).toBe(reference.rows);
    expect(first.previewRows).toBe(reference.rows);
    expect(first.reused).toBe(0);
    expect(first.report.steps.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(first.after.columns.at(-1)).toEqual({ name: 'ratio', type: 'float' });
    expect(first.after.head.length).toBe(10);
    expect(first.before.head[0].length).toBe(10);
    const edited: Recipe = { ...recipe, steps: [recipe.steps[0], recipe.steps[1], { id: 'c', kind: 'derive', name: 'ratio', expression: 'income / (age + 1)' }] };
    const second = ok(await recipeApi.recipePreview('m1', edited));
    expect(second.reused).toBe(2);
    expect(second.report.steps[1]).toEqual(first.report.steps[1]);
  });

  it('reports the failing step and what came before it, leaving later steps unapplied', async () => {
    const bad: Recipe = { version: 1, steps: [recipe.steps[0], { id: 'x', kind: 'filter', expression: 'age > 1000' }, recipe.steps[2]] };
    const preview = ok(await recipeApi.recipePreview('m1', bad));
    expect(preview.failure?.index).toBe(1);
    expect(preview.failure?.error.message).toMatch(/^Step 2 \(Keep rows where age > 1000\): This filter removes every row/);
    expect(preview.failure?.error.details).toMatchObject({ kind: 'recipe-step', step: 1, stepId: 'x' });
    expect(preview.report.steps.length).toBe(1);
    expect(preview.after.columns.map((c) => c.name)).not.toContain('ratio');
    const syntax = ok(await recipeApi.recipePreview('m1', { version: 1, steps: [{ id: 'y', kind: 'derive', name: 'z', expression: 'income *' }] }));
    expect(syntax.failure?.error.details).toMatchObject({ position: 8 });
  });

  it('previews the first rows of a large table, within a second for a few steps', async () => {
    const n = 1_000_000;
    const x = new Float64Array(n);
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = i % 97 === 0 ? NaN : (i * 7919) % 1000;
      codes[i] = i % 5;
    }
    const big = { rowCount: n, columns: [{ kind: 'numeric' as const, name: 'x', type: 'float' as const, values: x }, { kind: 'coded' as const, name: 'c', type: 'categorical' as const, codes, dictionary: ['a', 'b', 'c', 'd', 'e'] }] };
    remember('big', big);
    const r: Recipe = {
      version: 1,
      steps: [
        { id: '1', kind: 'impute', columns: ['x'], method: 'median' },
        { id: '2', kind: 'filter', expression: "x > 100 and c in ['a', 'b']" },
        { id: '3', kind: 'derive', name: 'y', expression: 'log1p(x) * 2' },
        { id: '4', kind: 'outliers', columns: ['x'], method: 'iqr', factor: 1.5, action: 'clip' },
        { id: '5', kind: 'dedupe', columns: [], keep: 'first' },
      ],
    };
    const started = performance.now();
    const preview = ok(await recipeApi.recipePreview('big', r));
    const ms = performance.now() - started;
    expect(preview.rows).toBe(n);
    expect(preview.previewRows).toBe(PREVIEW_ROWS);
    console.log(`preview of 5 steps on the first ${PREVIEW_ROWS.toLocaleString()} of ${n.toLocaleString()} rows: ${ms.toFixed(0)} ms (steps ${preview.ms.toFixed(0)} ms)`);
    expect(ms).toBeLessThan(3000);
  });
});

describe('recipeApply', () => {
  it('stores the prepared table and returns its summary with the fitted recipe', async () => {
    const summary = ok(await recipeApi.recipeApply('m1', recipe, { id: 'out1', projectId: 'p', name: 'prepared' }));
    expect(summary.recipe.fitted).toBe(true);
    expect(summary.recipe.steps[0]).toMatchObject({ fitted: { values: { income: reference.impute.income.median } } });
    expect(summary.columns.at(-1)).toEqual({ name: 'ratio', type: 'float' });
    const stored = await readDataset('out1');
    expect(stored?.rowCount).toBe(summary.rows);
    expect(Array.from(values(stored!, 'ratio'))).toEqual(Array.from(values(stored!, 'income')).map((v, i) => v / values(stored!, 'age')[i]));
    expect(summary.report.rowsBefore).toBe(reference.rows);
    // Its lineage reaches the raw rows: the filter removed some, and each prepared row names its raw row.
    expect(summary.lineage).toMatchObject({ datasetId: 'm1', rows: reference.rows, recipe: summary.recipe });
    const rows = summary.lineage.sourceRows as Int32Array;
    expect(rows.length).toBe(summary.rows);
    const raw = messy();
    expect(Array.from(rows, (r) => values(raw, 'age')[r])).toEqual(Array.from(values(stored!, 'age')));
  });

  it('extends the lineage of a prepared dataset it reads (sequential Prepare cells)', async () => {
    const first = ok(await recipeApi.recipeApply('m1', recipe, { id: 'seq1', projectId: 'p', name: 'first' }, undefined, { name: 'messy' }));
    const second = ok(
      await recipeApi.recipeApply('seq1', { version: 1, steps: [{ id: 'd', kind: 'filter', expression: 'ratio > 1000' }] }, { id: 'seq2', projectId: 'p', name: 'second' }, undefined, {
        name: 'first',
        lineage: first.lineage,
      }),
    );
    expect(second.lineage.datasetId).toBe('m1');
    expect(second.lineage.name).toBe('messy');
    expect(second.lineage.recipe.steps.map((s) => s.id)).toEqual(['a', 'b', 'c', 'd']);
    const stored = await readDataset('seq2');
    const raw = messy();
    const rows = second.lineage.sourceRows as Int32Array;
    expect(rows.length).toBe(stored!.rowCount);
    expect(Array.from(rows, (r) => values(raw, 'id')[r])).toEqual(Array.from(values(stored!, 'id')));
  });

  it('fails with the step message and stores nothing when a step cannot apply', async () => {
    const r = await recipeApi.recipeApply('m1', { version: 1, steps: [{ id: 'x', kind: 'filter', expression: 'age > 1000' }] }, { id: 'out2', projectId: 'p', name: 'x' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/^Step 1 .*removes every row/);
    expect(await readDataset('out2')).toBeUndefined();
  });

  it('applies a large table step by step with progress', async () => {
    const n = 300_000;
    const t = table(num('v', Array.from({ length: n }, (_, i) => (i % 10 === 0 ? NaN : i))), txt('k', Array.from({ length: n }, (_, i) => (i % 2 ? 'odd' : 'even'))));
    remember('big2', t);
    const labels: string[] = [];
    const summary = ok(
      await recipeApi.recipeApply('big2', { version: 1, steps: [{ id: '1', kind: 'filter', expression: "k == 'odd'" }] }, { id: 'out3', projectId: 'p', name: 'x' }, (_f, label) => labels.push(label)),
    );
    expect(summary.rows).toBe(n / 2);
    expect(labels[0]).toBe('Step 1 of 1');
    // Applied whole (not through the preview's cache), the kept rows are the odd ones.
    const rows = summary.lineage.sourceRows as Int32Array;
    expect([rows.length, rows[0], rows[1], rows[rows.length - 1]]).toEqual([n / 2, 1, 3, n - 1]);
  });
});
