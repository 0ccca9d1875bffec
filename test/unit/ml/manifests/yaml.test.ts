import { describe, expect, it } from 'vitest';
import { toYaml, type YamlValue } from '../../../../src/ml/manifests/yaml.ts';
import { hasPyYaml, pyParse } from './python.ts';

const tricky: YamlValue = {
  apiVersion: 'serving.kserve.io/v1beta1',
  plain: 'onnx',
  words: ['yes', 'No', 'on', 'null', '~', 'true'],
  numbers: ['1', '1.0', '0x10', '1e3', '.5', '-1'],
  punctuation: ['a: b', '#not a comment', '- dash', 'quote "in" it', "it's", '{x}', '[y]', '*star', '&amp', '!bang', '%pct', '@at', '`tick`'],
  spaces: [' lead', 'trail ', '', 'two\nlines', 'tab\there'],
  unicode: 'Zürich 東京 ✓',
  uri: 's3://bucket/path/to/model',
  nested: { list: [{ name: 'a', value: 1 }, { name: 'b', value: 2.5 }], empty: [], none: {}, flag: false, missing: null },
};

describe('toYaml', () => {
  it.skipIf(!hasPyYaml)('writes text that PyYAML reads back as the same value', () => {
    expect(pyParse('yaml', toYaml(tricky, 'A comment\nover two lines'))).toEqual([tricky]);
  });

  it('writes block style with two-space indents and comments on top', () => {
    const text = toYaml({ metadata: { name: 'x' }, spec: { requirements: ['onnx'] } }, 'Head');
    expect(text).toBe('# Head\nmetadata:\n  name: x\nspec:\n  requirements:\n    - onnx\n');
  });

  it('quotes exactly the strings a YAML reader would not read back as the same text', () => {
    const text = toYaml({ a: 'yes', b: '1.0', c: 'plain-text/v1', d: '' });
    expect(text).toBe('a: "yes"\nb: "1.0"\nc: plain-text/v1\nd: ""\n');
  });

  it('refuses numbers YAML cannot hold', () => {
    expect(() => toYaml({ x: NaN })).toThrow(/cannot hold NaN/);
  });
});
