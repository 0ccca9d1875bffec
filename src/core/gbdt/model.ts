// A trained gradient-boosted trees model as plain JSON: what is stored, sent between threads and exported.

import { UserError } from '../errors/user-error.ts';
import type { GbdtLoss } from './loss.ts';
import type { GbdtParams, GbdtTask } from './options.ts';
import type { GbdtTree } from './tree.ts';

export interface GbdtModel {
  format: 'lathe-gbdt';
  version: 1;
  task: GbdtTask;
  loss: GbdtLoss['name'];
  nFeatures: number;
  /** Classification: the number of classes (labels 0…nClasses − 1); regression: 1. */
  nClasses: number;
  /** Raw scores per row: 1 for regression and two classes, else one per class. */
  outputs: number;
  /** Raw score of every output before any tree. */
  baseline: number[];
  /** Iteration-major: tree t · outputs + k adds to output k. */
  trees: GbdtTree[];
  /** Iterations kept (trees.length / outputs). */
  nIter: number;
  params: GbdtParams;
}

/** Checks that a value read back from storage or a file is a model this code can use. */
export function checkModel(value: unknown): GbdtModel {
  const m = value as Partial<GbdtModel> | null;
  const bad = (why: string): never => {
    throw new UserError(`This is not a gradient-boosted trees model Lathe can read: ${why}`, 'Train the model again.');
  };
  if (!m || typeof m !== 'object' || m.format !== 'lathe-gbdt') return bad('its format is not "lathe-gbdt"');
  if (m.version !== 1) return bad(`its version is ${String(m.version)}, not 1`);
  if (!Number.isInteger(m.nFeatures) || (m.nFeatures ?? 0) < 1) return bad('it has no feature count');
  if (!Number.isInteger(m.outputs) || !Array.isArray(m.baseline) || m.baseline.length !== m.outputs) return bad('its baseline does not match its outputs');
  if (!Array.isArray(m.trees) || m.trees.length !== (m.nIter ?? -1) * (m.outputs ?? 0)) return bad('its tree count does not match its iterations');
  m.trees.forEach((tree, t) => {
    const size = tree.feature?.length ?? 0;
    const fields = [tree.threshold, tree.missingLeft, tree.left, tree.right, tree.value];
    if (size < 1 || fields.some((a) => !Array.isArray(a) || a.length !== size)) bad(`tree ${t + 1} has arrays of different lengths`);
    for (let i = 0; i < size; i++) {
      const f = tree.feature[i];
      if (f >= (m.nFeatures ?? 0)) bad(`tree ${t + 1} tests feature ${f + 1} of ${m.nFeatures}`);
      // Children come after their parent in depth-first order, which also rules out cycles.
      if (f >= 0 && !(tree.left[i] > i && tree.left[i] < size && tree.right[i] > i && tree.right[i] < size)) bad(`tree ${t + 1} has a broken node ${i}`);
    }
  });
  return m as GbdtModel;
}
