// The six steps and how a step's state is summarised from its cells' states.
import type { StepId } from '../cells/types';
import type { CellState } from '../notebook/graph';

export const STEPS: { id: StepId; label: string; hint: string }[] = [
  { id: 'frame', label: 'Frame', hint: 'Target, task and baseline' },
  { id: 'explore', label: 'Explore', hint: 'Load and profile the data' },
  { id: 'prepare', label: 'Prepare', hint: 'Cleaning recipe and quality rules' },
  { id: 'split', label: 'Split', hint: 'Train and test rows' },
  { id: 'optimise', label: 'Optimise', hint: 'Train and evaluate' },
  { id: 'deploy', label: 'Deploy', hint: 'Export the model' },
];

export type StepState = 'empty' | 'not-started' | 'running' | 'failed' | 'stale' | 'partial' | 'fresh';

/** The worst state wins: one failed cell makes the step failed. */
export function stepState(states: CellState[]): StepState {
  if (states.length === 0) return 'empty';
  if (states.includes('running')) return 'running';
  if (states.includes('failed')) return 'failed';
  if (states.includes('stale')) return 'stale';
  if (states.every((s) => s === 'never')) return 'not-started';
  if (states.includes('never')) return 'partial';
  return 'fresh';
}

export const STATE_LABEL: Record<StepState | CellState, string> = {
  empty: 'No cells',
  'not-started': 'Not started',
  never: 'Not run',
  running: 'Running',
  failed: 'Failed',
  stale: 'Stale',
  partial: 'In progress',
  fresh: 'Up to date',
};
