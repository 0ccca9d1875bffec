// Random search: draws configurations from a declared space with a seed, so the same seed gives the same trials.

import { UserError } from '../errors/user-error.ts';
import { createRng } from '../random.ts';
import { configKey, type Config, type FamilySpace, type ParamSpec, type ParamValue, type SearchSpace } from './space.ts';
import { familySize, validateSpace } from './validate-space.ts';

/**
 * `trials` distinct configurations: a family drawn by weight, then each of its parameters from its range.
 * When the whole space holds no more than `trials` configurations (choices and integers only) every one is
 * returned once, in a seeded order, as scikit-learn's ParameterSampler does for a grid; so the result can be
 * shorter than asked. Invalid spaces are refused with a UserError.
 */
export function randomSearch(space: SearchSpace, trials: number, seed: number): Config[] {
  validateSpace(space);
  if (!Number.isInteger(trials) || trials < 1) {
    throw new UserError(`A search needs a whole number of trials, at least 1 (got ${trials})`);
  }
  const rng = createRng(seed);
  const total = space.families.reduce((s, f) => s + familySize(f), 0);
  if (total <= trials) {
    const all = space.families.flatMap(enumerate);
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [all[i], all[j]] = [all[j], all[i]];
    }
    return all;
  }
  const out: Config[] = [];
  const seen = new Set<string>();
  // Duplicates are rare (continuous ranges) or bounded (a large finite space); cap the redraws all the same.
  for (let attempts = 0; out.length < trials && attempts < trials * 100; attempts++) {
    const config = sampleConfig(space, rng);
    const key = configKey(config);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(config);
  }
  return out;
}

/** One configuration drawn from a (valid) space. */
export function sampleConfig(space: SearchSpace, rng: () => number): Config {
  const family = pickFamily(space.families, rng);
  const params: Record<string, ParamValue> = {};
  // Parameter order is the declaration order, so a seed maps to the same draws every time.
  for (const [name, spec] of Object.entries(family.params)) params[name] = sampleParam(spec, rng);
  return { family: family.family, params };
}

export function sampleParam(spec: ParamSpec, rng: () => number): ParamValue {
  switch (spec.type) {
    case 'uniform':
      return spec.low + rng() * (spec.high - spec.low);
    case 'log-uniform': {
      const lo = Math.log(spec.low);
      return Math.min(spec.high, Math.max(spec.low, Math.exp(lo + rng() * (Math.log(spec.high) - lo))));
    }
    case 'int': {
      const lo = Math.ceil(spec.low);
      const hi = Math.floor(spec.high);
      if (spec.log) {
        // Even on log(lo)..log(hi + 1), floored: each whole number gets the log-width of [v, v + 1).
        const v = Math.floor(Math.exp(Math.log(lo) + rng() * (Math.log(hi + 1) - Math.log(lo))));
        return Math.min(hi, Math.max(lo, v));
      }
      return Math.min(hi, lo + Math.floor(rng() * (hi - lo + 1)));
    }
    case 'choice':
      return spec.values[Math.min(spec.values.length - 1, Math.floor(rng() * spec.values.length))];
    case 'fixed':
      return spec.value;
  }
}

function pickFamily(families: readonly FamilySpace[], rng: () => number): FamilySpace {
  const total = families.reduce((s, f) => s + (f.weight ?? 1), 0);
  let u = rng() * total;
  for (const f of families) {
    u -= f.weight ?? 1;
    if (u < 0) return f;
  }
  return families[families.length - 1];
}

/** Every configuration of a finite family, parameters varying fastest last. */
function enumerate(family: FamilySpace): Config[] {
  let configs: Record<string, ParamValue>[] = [{}];
  for (const [name, spec] of Object.entries(family.params)) {
    let values: ParamValue[];
    if (spec.type === 'int') {
      const lo = Math.ceil(spec.low);
      values = Array.from({ length: Math.floor(spec.high) - lo + 1 }, (_, i) => lo + i);
    } else if (spec.type === 'choice') values = [...new Set(spec.values)];
    else if (spec.type === 'fixed') values = [spec.value];
    else values = [spec.low];
    configs = configs.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
  }
  return configs.map((params) => ({ family: family.family, params }));
}
