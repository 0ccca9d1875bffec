// Quality cell: a suite of Great-Expectations-style rules run on the dataset above, pass/fail per rule.
import type { CellKind } from '../types';
import type { Rule, SuiteResult } from '../../core/quality/types';
import type { SuggestedRule } from '../../core/quality/suggest-rules';
import { UserError } from '../../core/errors/user-error';
import { dataWorker } from '../../client/workers';
import { Comlink } from '../../client/worker-handle';
import View from './View.svelte';

export interface QualityConfig {
  rules: Rule[];
}

/**
 * The stored output: the suite's result as runSuite returns it. `results[i]` belongs to `config.rules[i]`
 * and carries its rule, so a reader (model card, report) needs nothing else:
 * { success, rows, passed, failed, results: [{ rule, success, observed, considered, unexpectedCount,
 *   unexpectedPercent, examples: [{ row, value }], error? }] }.
 */
export type QualityOutput = SuiteResult;

export const qualityCell: CellKind<QualityConfig, QualityOutput> = {
  kind: 'quality',
  version: 1,
  title: 'Quality',
  step: 'prepare',
  icon: '☑',
  description: 'Data-quality rules (not null, ranges, sets, patterns…) checked on the data, with failing examples',
  needs: ['dataset'],
  produces: 'quality',
  defaultConfig: () => ({ rules: [] }),
  async run({ config, inputs, progress }) {
    if (config.rules.length === 0) {
      throw new UserError('The suite has no rules yet.', 'Add a rule, or press “Suggest rules” to start from the data’s profile.');
    }
    const rows = inputs.dataset!.rows.toLocaleString();
    progress({ label: `Checking ${config.rules.length} rules on ${rows} rows…` });
    const value = await dataWorker().call((api) => api.runQualitySuite(inputs.dataset!.datasetId, { rules: config.rules }));
    return { value };
  },
  summary: (o) => `${o.passed} of ${o.results.length} rules pass · ${o.rows.toLocaleString()} rows`,
  badge: (o) =>
    o.failed === 0
      ? { text: `${o.passed}/${o.results.length} pass`, tone: 'pass' }
      : { text: `${o.failed} of ${o.results.length} fail`, tone: 'fail' },
  View,
};

/** Rules proposed from the dataset's profile (profiled in the worker), for the view's "Suggest rules". */
export function suggestFor(datasetId: string, onProgress?: (fraction: number, label: string) => void): Promise<SuggestedRule[]> {
  return dataWorker().call((api) =>
    api.suggestQualityRules(datasetId, undefined, onProgress ? Comlink.proxy(onProgress) : undefined),
  );
}
