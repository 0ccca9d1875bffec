// Prepare cell: a cleaning recipe (typed steps) applied to the dataset above, producing the dataset the cells below read.
import type { CellKind } from '../types';
import { dataWorker } from '../../client/workers';
import { Comlink } from '../../client/worker-handle';
import { newId } from '../../store/projects';
import { extendLineage, identityRecipe, lineageOf, type DatasetLineage } from '../../core/recipe/lineage';
import { defaultPrepareConfig, type PrepareConfig, type PrepareOutput } from './config';
import View from './View.svelte';

export type { PrepareConfig, PrepareOutput } from './config';

/**
 * The output with its lineage: the raw dataset and every fitted step since (earlier Prepare cells too),
 * so Export can give model.onnx the raw columns. Absent in outputs stored before version 2.
 */
export interface PreparedDataset extends PrepareOutput {
  lineage?: DatasetLineage;
}

export const prepareCell: CellKind<PrepareConfig, PreparedDataset> = {
  kind: 'prepare',
  // 2: the output records its lineage.
  version: 2,
  title: 'Prepare',
  step: 'prepare',
  icon: '⚗',
  description: 'Clean the data with a recipe of steps: impute, filter, derive, cast, deduplicate…',
  needs: ['dataset'],
  produces: 'dataset',
  defaultConfig: defaultPrepareConfig,
  async run({ config, inputs, progress, projectId }) {
    const input = inputs.dataset!;
    const upstream = lineageOf(input);
    const recipe = config.recipe;
    const columns = input.columns.map((c) => ({ name: c.name, type: c.type }));
    if (recipe.steps.length === 0) {
      // Nothing to do: the dataset above passes through, stored once.
      const { report: _load, ...dataset } = input;
      const fitted = identityRecipe(columns, input.rows);
      return {
        value: {
          ...dataset,
          recipe: fitted,
          recipeReport: { rowsBefore: input.rows, rowsAfter: input.rows, steps: [] },
          lineage: extendLineage({ ...input, lineage: upstream }, fitted, undefined),
        },
      };
    }
    const datasetId = newId();
    const name = `${input.name} (prepared)`;
    progress({ label: `Applying ${recipe.steps.length} ${recipe.steps.length === 1 ? 'step' : 'steps'} to ${input.rows.toLocaleString()} rows…` });
    const summary = await dataWorker().call((api) =>
      api.recipeApply(
        input.datasetId,
        recipe,
        { id: datasetId, projectId, name },
        Comlink.proxy((fraction: number, label: string) => progress({ fraction, label })),
        { name: input.name, lineage: upstream },
      ),
    );
    const { report, ...rest } = summary;
    return { value: { datasetId, name, ...rest, recipeReport: report } };
  },
  // Shared without data: the report's changed values, failures and removed rows quote raw cells.
  redact: (o) => ({
    ...o,
    ...(o.recipeReport
      ? {
          recipeReport: {
            ...o.recipeReport,
            steps: o.recipeReport.steps.map((step) => ({
              ...step,
              examples: [],
              removed: undefined,
              ...(step.failures ? { failures: { ...step.failures, examples: [] } } : {}),
            })),
          },
        }
      : {}),
    ...(o.lineage ? { lineage: { ...o.lineage, sourceRows: undefined } } : {}),
  }),
  summary: (o) => {
    const steps = o.recipe?.steps.length ?? 0;
    return `${o.rows.toLocaleString()} rows × ${o.columns.length} columns · ${steps === 0 ? 'no steps' : steps === 1 ? '1 step' : `${steps} steps`}`;
  },
  View,
};
