// The README section that explains the serving files: input layout, outputs, and how to deploy each way.

import type { ModelSignature, TensorSignature } from '../onnx/signature.ts';
import { oipDatatype } from './datatypes.ts';

/** What the README says about a recipe inside the graph: the steps left to the caller, and the raw columns they read. */
export interface ServingRecipe {
  /** Steps model.onnx cannot apply (1-based step numbers), with why. */
  client: { step: number; text: string; reason: string }[];
  /** The last step a caller applies (1-based); 0 when none. */
  clientThrough: number;
  /** The raw columns the inputs are computed from. */
  rawColumns: string[];
}

export function servingReadme(name: string, signature: ModelSignature, recipe?: ServingRecipe): string {
  const row = (t: TensorSignature) => `| \`${t.name}\` | ${oipDatatype(t.type)} | [${t.shape.join(', ')}] | ${t.description} |`;
  const client = recipe && recipe.client.length > 0;
  const what = !recipe
    ? 'it takes the raw column values,\napplies the preprocessing above and runs the model'
    : client
      ? `it takes the columns below,\napplies the cleaning recipe from there (recipe.json), the preprocessing above and the model. ${
          recipe.client.length === 1 ? `Step ${recipe.client[0].step} of the recipe is` : `Steps ${recipe.client.map((c) => c.step).join(', ')} of the recipe are`
        } not in it:\napply steps 1–${recipe.clientThrough} to the raw row first, as the table says, or serve with \`lathe serve\`, which also takes the\nraw columns (${recipe.rawColumns.map((c) => `\`${c}\``).join(', ')}) and applies them itself`
      : 'it takes the raw column values,\napplies the cleaning recipe (recipe.json), the preprocessing above and runs the model';
  return `## Serve it (Open Inference Protocol v2: Triton, KServe, Seldon Core v2)

\`triton/${name}/1/model.onnx\` is the whole pipeline in one ONNX graph: ${what}. Send one tensor per column, \`[rows, 1]\` each:

| input | datatype | shape | value |
| --- | --- | --- | --- |
${signature.inputs.map(row).join('\n')}

| output | datatype | shape | value |
| --- | --- | --- | --- |
${signature.outputs.map(row).join('\n')}

A missing number is NaN (send it over gRPC or the binary extension; JSON cannot carry NaN, so send
the impute value instead, or null to \`lathe serve\`); a missing category is \`""\`.${
    recipe ? '\nLower and upper case inside the graph follow the C.UTF-8 locale (StringNormalizer), which glibc-based images have.' : ''
  }

- **Triton**: \`tritonserver --model-repository=$PWD/triton\` (\`triton/${name}/config.pbtxt\` is its configuration).
- **KServe**: upload \`triton/\` and set its address as \`storageUri\` in \`kserve/inferenceservice.yaml\`, then \`kubectl apply -f\` it.
- **Seldon Core v2**: upload \`triton/${name}/\` and set its address as \`storageUri\` in \`seldon/model.yaml\`, then \`kubectl apply -f\` it.

\`metadata.json\` is what \`GET /v2/models/${name}\` should answer; try the model with
\`curl -X POST -H 'Content-Type: application/json' -d @example-request.json http://<host>/v2/models/${name}/infer\`.
`;
}
