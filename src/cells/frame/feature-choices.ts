// The Frame cell's feature checklist: which columns are ticked under the current config, and what ticking one changes.
import type { FrameSummary } from '../../core/frame/frame';
import { defaultMetric, isMetricName, metricInfo, metricsForTask, type MetricInfo, type MetricName } from '../../core/metrics/registry';
import type { Task } from '../../core/frame/frame';

export interface FrameChoices {
  metric?: MetricName;
  /** Default features the user left out. */
  dropped?: string[];
  /** Columns the defaults left out that the user put back. */
  added?: string[];
}

export interface FeatureChoice {
  name: string;
  checked: boolean;
  /** False for columns the model cannot use (constant, all missing, free text). */
  canToggle: boolean;
  /** Why the defaults leave it out (absent for default features). */
  reason?: string;
}

/**
 * One entry per column other than the target, in the output's order (features, then the rest), ticked as
 * the config says now: the output may be older than the config, so the ticks come from the config's
 * choices applied to the output's defaults, not from the output's own feature list.
 */
export function featureChoices(output: FrameSummary, config: FrameChoices): FeatureChoice[] {
  const dropped = new Set(config.dropped ?? []);
  const added = new Set(config.added ?? []);
  const wasAdded = new Map((output.added ?? []).map((e) => [e.name, e.reason]));
  const out: FeatureChoice[] = [];
  for (const name of output.features) {
    const reason = wasAdded.get(name);
    if (reason !== undefined) out.push({ name, checked: added.has(name) && !dropped.has(name), canToggle: true, reason });
    else out.push({ name, checked: !dropped.has(name), canToggle: true });
  }
  for (const e of output.excluded) {
    if (e.byUser) out.push({ name: e.name, checked: !dropped.has(e.name), canToggle: true });
    else out.push({ name: e.name, checked: !!e.canAdd && added.has(e.name) && !dropped.has(e.name), canToggle: !!e.canAdd, reason: e.reason });
  }
  return out;
}

/**
 * The config's dropped/added lists after the user ticks (on) or unticks a column of the checklist. An empty
 * list comes back undefined, so undoing every choice gives back the default config (and its cached output).
 */
export function toggleFeature(output: FrameSummary, config: FrameChoices, name: string, on: boolean): Pick<FrameChoices, 'dropped' | 'added'> {
  const byDefault = output.features.includes(name) && !(output.added ?? []).some((e) => e.name === name);
  const byUser = output.excluded.some((e) => e.name === name && e.byUser);
  const without = (list: string[] | undefined) => (list ?? []).filter((n) => n !== name);
  let dropped = without(config.dropped);
  let added = without(config.added);
  if (byDefault || byUser) {
    if (!on) dropped = [...dropped, name];
  } else if (on) added = [...added, name];
  return { dropped: dropped.length ? dropped : undefined, added: added.length ? added : undefined };
}

/** The task the metric menu is for: the override, or what the output found for this target; undefined before a run. */
export function knownTask(config: { target: string; task: 'auto' | Task }, output: FrameSummary | undefined): Task | undefined {
  if (config.task !== 'auto') return config.task;
  return output && output.target === config.target ? output.task : undefined;
}

/** The metric shown as chosen: the config's when it fits the task, else the task's default. */
export function chosenMetric(config: FrameChoices, task: Task | undefined): MetricName | undefined {
  if (config.metric && isMetricName(config.metric) && (!task || metricInfo(config.metric).task === task)) return config.metric;
  return task ? defaultMetric(task) : undefined;
}

export function metricOptions(task: Task | undefined): { task: Task; metrics: MetricInfo[] }[] {
  const tasks: Task[] = task ? [task] : ['classification', 'regression'];
  return tasks.map((t) => ({ task: t, metrics: metricsForTask(t) }));
}
