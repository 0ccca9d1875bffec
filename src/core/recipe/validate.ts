// Checks a recipe against a table's columns without reading rows: the shape of each step, then the columns step by step.

import { UserError, type ErrorDetails } from '../errors/user-error.ts';
import { ExpressionError } from './expression/errors.ts';
import { describeStep } from './describe.ts';
import { implOf } from './steps/index.ts';
import { RECIPE_VERSION, STEP_KINDS, type ColumnInfo, type Recipe, type Step } from './types.ts';

export const RECIPE_STEP_ERROR = 'recipe-step';

/** What the UI needs to point at a failing step (and, for expressions, the place in the text). */
export interface StepErrorDetails extends ErrorDetails {
  kind: typeof RECIPE_STEP_ERROR;
  step: number;
  stepId: string;
  /** Expression errors: 0-based offset and length in the step's expression. */
  position?: number;
  length?: number;
}

/** A step's label for messages: its sentence, cut short. */
export function stepLabel(step: Step): string {
  const kind = String((step as { kind?: unknown } | null)?.kind ?? 'step');
  let text: string;
  try {
    // A step of an unknown kind has no sentence.
    text = (describeStep(step) as string | undefined) ?? kind;
  } catch {
    text = kind;
  }
  return text.length > 60 ? text.slice(0, 57) + '…' : text;
}

/** The error re-said for the recipe: "Step 3 (Keep rows where …): <what is wrong>", with the step's place in details. */
export function stepError(index: number, step: Step, err: UserError): UserError {
  const details: StepErrorDetails = { kind: RECIPE_STEP_ERROR, step: index, stepId: String((step as { id?: unknown } | null)?.id ?? '') };
  if (err instanceof ExpressionError) {
    details.position = err.position;
    details.length = err.length;
  }
  return new UserError(`Step ${index + 1} (${stepLabel(step)}): ${err.message}`, err.hint, details);
}

type FieldType = 'string' | 'strings' | 'record' | 'number' | 'boolean';

/** The fields each kind must have, with their JSON types (a saved or shared recipe may be malformed). */
const FIELDS: Record<Step['kind'], Record<string, FieldType>> = {
  select: { columns: 'strings' },
  drop: { columns: 'strings' },
  rename: { names: 'record' },
  cast: { column: 'string', to: 'string' },
  filter: { expression: 'string' },
  impute: { columns: 'strings', method: 'string' },
  outliers: { columns: 'strings', method: 'string', factor: 'number', action: 'string' },
  dedupe: { columns: 'strings', keep: 'string' },
  text: { columns: 'strings', trim: 'boolean', collapse: 'boolean', case: 'string', accents: 'boolean' },
  merge: { column: 'string', auto: 'boolean', mapping: 'record' },
  derive: { name: 'string', expression: 'string' },
  bin: { column: 'string', name: 'string', method: 'string', bins: 'number' },
  'parse-dates': { column: 'string', order: 'string' },
};

const CHOICES: Record<string, Record<string, readonly string[]>> = {
  impute: { method: ['mean', 'median', 'mode', 'constant', 'ffill'] },
  outliers: { method: ['iqr', 'zscore'], action: ['clip', 'drop'] },
  dedupe: { keep: ['first', 'last'] },
  text: { case: ['keep', 'lower', 'upper', 'title'] },
  bin: { method: ['width', 'quantile'] },
};

function hasType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'record':
      return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
    default:
      return typeof value === type;
  }
}

/** Rejects a step that is not a well-formed step of a known kind. */
export function checkStepShape(step: unknown): asserts step is Step {
  if (typeof step !== 'object' || step === null) throw new UserError('A recipe step is not an object.');
  const s = step as Record<string, unknown>;
  if (typeof s.id !== 'string') throw new UserError('A recipe step has no id.');
  if (!STEP_KINDS.includes(s.kind as Step['kind'])) {
    throw new UserError(`This recipe has a step of an unknown kind ("${String(s.kind)}").`, 'It may come from a newer version of Lathe: remove the step, or open the project there.');
  }
  const kind = s.kind as Step['kind'];
  for (const [field, type] of Object.entries(FIELDS[kind])) {
    if (!hasType(s[field], type)) throw new UserError(`The ${kind} step's "${field}" is missing or not ${type === 'strings' ? 'a list of names' : `a ${type}`}.`);
    const choices = CHOICES[kind]?.[field];
    if (choices && !choices.includes(s[field] as string)) throw new UserError(`The ${kind} step's ${field} "${String(s[field])}" is not one of ${choices.join(', ')}.`);
  }
}

/** Rejects anything that is not a recipe of this format version. */
export function checkRecipeShape(recipe: unknown): asserts recipe is Recipe {
  if (typeof recipe !== 'object' || recipe === null || !Array.isArray((recipe as Recipe).steps)) throw new UserError('This is not a recipe: it has no list of steps.');
  const version = (recipe as Recipe).version;
  if (version !== RECIPE_VERSION) {
    throw new UserError(`This recipe has format version ${String(version)}; this Lathe reads version ${RECIPE_VERSION}.`, 'Open it in the version of Lathe that made it.');
  }
}

export interface RecipeCheck {
  /** The columns after each step, for the steps before the first problem. */
  after: ColumnInfo[][];
  /** The columns the recipe ends with (those before the problem when there is one). */
  output: ColumnInfo[];
  problem?: { index: number; error: UserError };
}

/** Follows the columns through the steps; stops at the first step that cannot apply, saying why. */
export function checkRecipe(columns: readonly ColumnInfo[], recipe: Recipe): RecipeCheck {
  checkRecipeShape(recipe);
  const after: ColumnInfo[][] = [];
  let current: ColumnInfo[] = columns.map((c) => ({ name: c.name, type: c.type }));
  for (let i = 0; i < recipe.steps.length; i++) {
    const step = recipe.steps[i];
    try {
      checkStepShape(step);
      current = implOf(step).schema(current, step);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return { after, output: current, problem: { index: i, error: stepError(i, step, err) } };
    }
    after.push(current);
  }
  return { after, output: current };
}

/** The columns the recipe produces from `columns`, or the first step's UserError. */
export function validateRecipe(columns: readonly ColumnInfo[], recipe: Recipe): ColumnInfo[] {
  const check = checkRecipe(columns, recipe);
  if (check.problem) throw check.problem.error;
  return check.output;
}
