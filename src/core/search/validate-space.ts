// Checks a search space before any trial runs, so an impossible space is a clear message rather than an empty search.

import { UserError } from '../errors/user-error.ts';
import type { FamilySpace, ParamSpec, SearchSpace } from './space.ts';

/** Every problem found, each naming its family and parameter; empty when the space is valid. */
export function spaceProblems(space: SearchSpace): string[] {
  const problems: string[] = [];
  if (!space.families || space.families.length === 0) return ['it names no model family'];
  const seen = new Set<string>();
  for (const f of space.families) {
    const where = `family "${f.family}"`;
    if (!f.family) problems.push('a family has no name');
    else if (seen.has(f.family)) problems.push(`${where} appears twice`);
    seen.add(f.family);
    if (f.weight !== undefined && !(Number.isFinite(f.weight) && f.weight > 0)) {
      problems.push(`${where} has weight ${f.weight}; weights must be positive`);
    }
    for (const [name, spec] of Object.entries(f.params ?? {})) {
      const problem = paramProblem(spec);
      if (problem) problems.push(`${where}: "${name}" ${problem}`);
    }
  }
  return problems;
}

/** Throws a UserError listing every problem, when there is one. */
export function validateSpace(space: SearchSpace): void {
  const problems = spaceProblems(space);
  if (problems.length === 0) return;
  throw new UserError(
    `The search space has no valid configuration: ${problems.join('; ')}`,
    'Fix the ranges (low ≤ high; a log scale needs a low end above 0; a choice needs at least one value), or remove the family.',
  );
}

/** How many distinct configs a family holds: a whole number for choices and integers only, Infinity otherwise. */
export function familySize(family: FamilySpace): number {
  let size = 1;
  for (const spec of Object.values(family.params)) {
    if (spec.type === 'uniform' || spec.type === 'log-uniform') {
      if (spec.low !== spec.high) return Infinity;
    } else if (spec.type === 'int') size *= Math.floor(spec.high) - Math.ceil(spec.low) + 1;
    else if (spec.type === 'choice') size *= new Set(spec.values).size;
  }
  return size;
}

function paramProblem(spec: ParamSpec): string | null {
  switch (spec.type) {
    case 'uniform':
    case 'log-uniform':
    case 'int': {
      const { low, high } = spec;
      if (!Number.isFinite(low) || !Number.isFinite(high)) return `needs finite low and high ends (got ${low} to ${high})`;
      if (low > high) return `has its low end ${low} above its high end ${high}`;
      const log = spec.type === 'log-uniform' || (spec.type === 'int' && spec.log);
      if (log && low <= 0) return `is on a log scale from ${low}, and a log scale needs a low end above 0`;
      if (spec.type === 'int' && Math.ceil(low) > Math.floor(high)) return `holds no whole number between ${low} and ${high}`;
      return null;
    }
    case 'choice':
      return spec.values.length === 0 ? 'is a choice among no values' : null;
    case 'fixed':
      return null;
    default:
      return `has an unknown range type "${(spec as { type: string }).type}"`;
  }
}
