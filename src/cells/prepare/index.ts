// Prepare cell: a cleaning recipe (typed steps) applied to the dataset above, producing the dataset the cells below read.
import type { CellKind } from '../types';
import { dataWorker } from '../../client/workers';
import { Comlink } from '../../client/worker-handle';
import { newId } from '../../store/projects';
import { RECIPE_VERSION } from '../../core/recipe/types';
import { defaultPrepareConfig, type PrepareConfig, type PrepareOutput } from './config';
import View from './View.svelte';

export type { PrepareConfig, PrepareOutput } from './config';

export const prepareCell: CellKind<PrepareConfig, PrepareOutput> = {
  kind: 'prepare',
  version: 1,
  title: 'Prepare',
  step: 'prepare',
  icon: '⚗',
  description: 'Clean the data with a recipe of steps: impute, filter, derive, cast, deduplicate…',
  needs: ['dataset'],
  produces: 'dataset',
  defaultConfig: defaultPrepareConfig,
  async run({ config, inputs, progress, projectId }) {
    const input = inputs.dataset!;
    const recipe = config.recipe;
    const columns = input.columns.map((c) => ({ name: c.name, type: c.type }));
    if (recipe.steps.length === 0) {
      // Nothing to do: the dataset above passes through, stored once.
      const { report: _load, ...dataset } = input;
      return {
        value: {
          ...dataset,
          recipe: { version: RECIPE_VERSION, fitted: true, steps: [], input: columns, output: columns, rows: input.rows },
          recipeReport: { rowsBefore: input.rows, rowsAfter: input.rows, steps: [] },
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
      ),
    );
    const { report, ...rest } = summary;
    return { value: { datasetId, name, ...rest, recipeReport: report } };
  },
  summary: (o) => {
    const steps = o.recipe?.steps.length ?? 0;
    return `${o.rows.toLocaleString()} rows × ${o.columns.length} columns · ${steps === 0 ? 'no steps' : steps === 1 ? '1 step' : `${steps} steps`}`;
  },
  View,
};
