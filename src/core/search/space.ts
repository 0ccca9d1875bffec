// How a hyperparameter search space is declared: model families, each with its own parameters and their ranges.

export type ParamValue = number | string | boolean;

/**
 * One parameter's range. uniform and log-uniform are continuous on [low, high]; int draws whole numbers in
 * [low, high] (evenly, or evenly on a log scale with `log`); choice picks one of the values; fixed is a constant.
 */
export type ParamSpec =
  | { type: 'uniform'; low: number; high: number }
  | { type: 'log-uniform'; low: number; high: number }
  | { type: 'int'; low: number; high: number; log?: boolean }
  | { type: 'choice'; values: readonly ParamValue[] }
  | { type: 'fixed'; value: ParamValue };

/**
 * A model family and the parameters that exist for it: parameters are conditional on the family, so a
 * linear model's space never mentions hidden layers.
 */
export interface FamilySpace {
  family: string;
  params: Readonly<Record<string, ParamSpec>>;
  /** Relative chance of drawing this family (default 1). */
  weight?: number;
}

export interface SearchSpace {
  families: readonly FamilySpace[];
}

/** One point of the space: a family and a value for each of its parameters. */
export interface Config {
  family: string;
  params: Record<string, ParamValue>;
}

/** A canonical string for a config (parameters in name order), to tell configs apart. */
export function configKey(config: Config): string {
  const names = Object.keys(config.params).sort();
  return JSON.stringify([config.family, ...names.map((n) => [n, config.params[n]])]);
}
