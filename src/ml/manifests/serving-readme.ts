// The README section that explains the serving files: input layout, outputs, and how to deploy each way.

import type { ModelSignature, TensorSignature } from '../onnx/signature.ts';
import { oipDatatype } from './datatypes.ts';

export function servingReadme(name: string, signature: ModelSignature): string {
  const row = (t: TensorSignature) => `| \`${t.name}\` | ${oipDatatype(t.type)} | [${t.shape.join(', ')}] | ${t.description} |`;
  return `## Serve it (Open Inference Protocol v2: Triton, KServe, Seldon Core v2)

\`triton/${name}/1/model.onnx\` is the whole pipeline in one ONNX graph: it takes the raw column values,
applies the preprocessing above and runs the model. Send one tensor per column, \`[rows, 1]\` each:

| input | datatype | shape | value |
| --- | --- | --- | --- |
${signature.inputs.map(row).join('\n')}

| output | datatype | shape | value |
| --- | --- | --- | --- |
${signature.outputs.map(row).join('\n')}

A missing number is NaN (send it over gRPC or the binary extension; JSON cannot carry NaN, so send
the impute value instead); a missing category is \`""\`.

- **Triton**: \`tritonserver --model-repository=$PWD/triton\` (\`triton/${name}/config.pbtxt\` is its configuration).
- **KServe**: upload \`triton/\` and set its address as \`storageUri\` in \`kserve/inferenceservice.yaml\`, then \`kubectl apply -f\` it.
- **Seldon Core v2**: upload \`triton/${name}/\` and set its address as \`storageUri\` in \`seldon/model.yaml\`, then \`kubectl apply -f\` it.

\`metadata.json\` is what \`GET /v2/models/${name}\` should answer; try the model with
\`curl -X POST -H 'Content-Type: application/json' -d @example-request.json http://<host>/v2/models/${name}/infer\`.
`;
}
