import { describe, expect, it } from 'vitest';
import { kserveInferenceServiceYaml } from '../../../../src/ml/manifests/kserve-inference-service.ts';
import { seldonModelYaml } from '../../../../src/ml/manifests/seldon-model.ts';
import { hasPyYaml, pyParse } from './python.ts';

describe('seldonModelYaml', () => {
  const text = seldonModelYaml('iris', 's3://bucket/iris/triton/iris');

  it.skipIf(!hasPyYaml)('is one Model resource that PyYAML reads', () => {
    expect(pyParse('yaml', text)).toEqual([
      {
        apiVersion: 'mlops.seldon.io/v1alpha1',
        kind: 'Model',
        metadata: { name: 'iris' },
        spec: { storageUri: 's3://bucket/iris/triton/iris', requirements: ['onnx'] },
      },
    ]);
  });

  it('has the resource lines in place', () => {
    const lines = text.split('\n').filter((l) => !l.startsWith('#'));
    expect(lines).toEqual([
      'apiVersion: mlops.seldon.io/v1alpha1',
      'kind: Model',
      'metadata:',
      '  name: iris',
      'spec:',
      '  storageUri: "s3://bucket/iris/triton/iris"',
      '  requirements:',
      '    - onnx',
      '',
    ]);
    expect(text).toContain('/v2/models/iris/infer');
  });
});

describe('kserveInferenceServiceYaml', () => {
  const text = kserveInferenceServiceYaml('iris', 's3://bucket/iris/triton');

  it.skipIf(!hasPyYaml)('is one v1beta1 InferenceService for ONNX over protocol v2 that PyYAML reads', () => {
    expect(pyParse('yaml', text)).toEqual([
      {
        apiVersion: 'serving.kserve.io/v1beta1',
        kind: 'InferenceService',
        metadata: { name: 'iris' },
        spec: { predictor: { model: { modelFormat: { name: 'onnx' }, protocolVersion: 'v2', storageUri: 's3://bucket/iris/triton' } } },
      },
    ]);
  });

  it('has the resource lines in place', () => {
    const lines = text.split('\n').filter((l) => !l.startsWith('#'));
    expect(lines).toEqual([
      'apiVersion: serving.kserve.io/v1beta1',
      'kind: InferenceService',
      'metadata:',
      '  name: iris',
      'spec:',
      '  predictor:',
      '    model:',
      '      modelFormat:',
      '        name: onnx',
      '      protocolVersion: v2',
      '      storageUri: "s3://bucket/iris/triton"',
      '',
    ]);
  });
});
