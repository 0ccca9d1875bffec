import { describe, expect, it } from 'vitest';
import type { FrameSummary } from '../../../src/core/frame/frame.ts';
import type { Evaluation } from '../../../src/core/metrics/evaluate.ts';
import type { PreprocessSpec } from '../../../src/core/prep/preprocess.ts';
import type { Profile } from '../../../src/core/profile/types.ts';
import { escapeMarkdown, modelCard, profileFacts, type ModelCardFacts } from '../../../src/ml/model-card.ts';

const spec: PreprocessSpec = {
  version: 1,
  features: [
    { name: 'Flipper (mm)', kind: 'numeric', impute: 200.9, mean: 200.9, std: 14.06 },
    { name: 'Island|x', kind: 'onehot', categories: ['Biscoe', 'Dream'], impute: 'Biscoe' },
  ],
  outputWidth: 3,
} as PreprocessSpec;

const frame: FrameSummary = {
  target: 'Species',
  task: 'classification',
  detectedTask: 'classification',
  classes: ['Adelie', 'Chinstrap', '<b>Gentoo</b>'],
  classCounts: [152, 20, 124],
  rowsWithTarget: 296,
  baseline: { metric: 'accuracy', value: 0.44, label: 'Adelie' },
  features: ['Flipper (mm)', 'Island|x'],
  excluded: [{ name: 'id`1', reason: 'an identifier: unique in every row' }],
};

const evaluation: Evaluation = {
  task: 'classification',
  n: 69,
  metrics: { accuracy: 0.971014 },
  confusion: [[30, 0, 0], [1, 13, 0], [1, 0, 24]],
  classes: frame.classes!,
  baseline: { metric: 'accuracy', value: 0.434783, label: 'Adelie' },
};

function facts(over: Partial<ModelCardFacts> = {}): ModelCardFacts {
  return {
    projectName: 'Penguins <script>alert(1)</script> & co',
    frame,
    spec,
    data: { name: 'penguins.csv', rows: 1344, columns: 7 },
    profile: { missingCellsShare: 0.0123, duplicates: 2, duplicateShare: 0.0015, alertCount: 3, topAlerts: ['Sex has 11 missing values (3.2%)', 'Id is unique'] },
    training: { model: 'Logistic regression (softmax)', trainRows: 227, epochsRun: 60, finalLoss: 0.123456, backend: 'wasm' },
    evaluation,
    parity: { rows: 69, maxAbsDiff: 1.234e-7, labelMismatches: 0, passed: true, tolerance: 1e-5 },
    latheVersion: '9.8.7',
    date: '2026-11-29T23:40:00.000Z',
    ...over,
  };
}

const section = (md: string, title: string) => {
  const start = md.indexOf(`## ${title}\n`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const end = md.indexOf('\n## ', start + 3);
  return md.slice(start, end < 0 ? undefined : end);
};

describe('modelCard', () => {
  it('has every section, in order, with the figures it was given', () => {
    const md = modelCard(facts());
    const titles = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(titles).toEqual(['Data', 'Training', 'Test metrics', 'Intended use', 'Limitations', 'Parity: ONNX against Lathe']);
    expect(md).toContain('Made with Lathe 9.8.7 on 2026-11-29.');
    expect(md).toMatch(/\*\*Task:\*\* classification: predicts \*\*Species\*\*, one of 3 classes/);

    const data = section(md, 'Data');
    expect(data).toContain('Rows: 1,344; columns: 7 (penguins.csv)');
    expect(data).toContain('Rows with a Species value: 296');
    expect(data).toContain('Features used (2): Flipper (mm), Island\\|x.');
    expect(data).toContain('Left out (1): id\\`1 (an identifier: unique in every row)');
    expect(data).toContain('Adelie 152, Chinstrap 20, &lt;b&gt;Gentoo&lt;/b&gt; 124');
    expect(data).toContain('Missing cells: 1.2%; duplicate rows: 2 (0.1%)');
    expect(data).toContain('Profile alerts: 3, the first:');
    expect(data).toContain('  - Sex has 11 missing values (3.2%)');

    const training = section(md, 'Training');
    expect(training).toContain('Logistic regression (softmax), trained on 227 rows for 60 epochs (final loss 0.1235), on the wasm backend.');
    expect(training).toContain('No hyperparameter search');

    const metrics = section(md, 'Test metrics');
    expect(metrics).toContain('On 69 held-out rows');
    expect(metrics).toContain('| Accuracy | 0.971 | 0.4348 |');
    expect(metrics).toContain('training majority class, Adelie.');

    expect(section(md, 'Intended use')).toContain('for new rows like the 1,344 it learnt from (penguins.csv), given the same 2 columns');
    const limits = section(md, 'Limitations');
    expect(limits).toContain('Trained on 227 rows and tested on 69');
    expect(limits).toContain('It cannot use id\\`1');
    // 20 of 296 rows is 6.8%: below a tenth, so the card warns about that class.
    expect(limits).toContain('Few rows of Chinstrap (6.8%)');
    expect(limits).toContain('Not evaluated for:');
    expect(limits).not.toContain('does not beat the baseline');

    expect(section(md, 'Parity: ONNX against Lathe')).toContain(
      '**Passed**: onnxruntime-web ran model.onnx on 69 held-out rows; the largest difference from Lathe\'s own predictions was 1.2e-7 (allowed: 1e-5), with 0 label mismatches.',
    );
  });

  it('escapes names so no HTML, code span or table break gets through', () => {
    const md = modelCard(facts());
    expect(md).not.toMatch(/<script|<b>/);
    expect(md).toContain('# Model card: Penguins &lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(escapeMarkdown('a|b `c` <d> & *e* [f](g) # h\nnext')).toBe('a\\|b \\`c\\` &lt;d&gt; &amp; \\*e\\* \\[f\\](g) \\# h next');
    // Every table row keeps its three cells whatever the class names hold.
    for (const line of section(md, 'Test metrics').split('\n').filter((l) => l.startsWith('|'))) {
      expect(line.replace(/\\\|/g, '').split('|').length, line).toBe(5);
    }
  });

  it('states failures: a model below its baseline, a failed parity, failed quality rules, a search', () => {
    const md = modelCard(
      facts({
        evaluation: { ...evaluation, metrics: { accuracy: 0.4 } },
        parity: { rows: 69, maxAbsDiff: 0.0312, labelMismatches: 4, passed: false, tolerance: 1e-5 },
        quality: [
          { rule: 'Flipper (mm) between 150 and 250', passed: true },
          { rule: 'Sex is never missing', passed: false, detail: '11 rows' },
        ],
        training: {
          model: 'Logistic regression (softmax)', trainRows: 227, epochsRun: 60, backend: 'cpu',
          search: { space: { learningRate: '0.01 to 0.1, log' }, best: { learningRate: 0.05 }, cvScores: { metric: 'accuracy', folds: [0.9, 0.95, 1] } },
        },
        profile: undefined,
      }),
    );
    expect(section(md, 'Limitations')).toContain('does not beat the baseline');
    expect(section(md, 'Limitations')).toContain('did not match Lathe');
    expect(section(md, 'Parity: ONNX against Lathe')).toContain('**Failed**: onnxruntime-web ran model.onnx on 69 held-out rows; the largest difference from Lathe\'s own predictions was 3.1e-2 (allowed: 1e-5), with 4 label mismatches.');
    const data = section(md, 'Data');
    expect(data).toContain('Quality rules: 1 of 2 passed.');
    expect(data).toContain('**Failed**: Sex is never missing (11 rows)');
    expect(data).not.toContain('Profile alerts');
    const training = section(md, 'Training');
    expect(training).toContain('  - learningRate: 0.01 to 0.1, log');
    expect(training).toContain('Best settings: learningRate 0.05.');
    // (0.9 + 0.95 + 1) / 3 = 0.95
    expect(training).toContain('Cross-validation accuracy over 3 folds: mean 0.95 (0.9, 0.95, 1).');
    expect(training).not.toContain('No hyperparameter search');
  });

  it('says when parity could not run, and describes a regression', () => {
    const md = modelCard(
      facts({
        frame: { ...frame, task: 'regression', classes: undefined, classCounts: undefined, target: 'Body mass' },
        evaluation: { task: 'regression', n: 50, metrics: { rmse: 300.5, mae: 250.25, r2: 0.8612 }, baseline: { metric: 'rmse', value: 801.2, mean: 4201.5 } },
        parity: { rows: 0, maxAbsDiff: NaN, labelMismatches: 0, passed: false, tolerance: 1e-5, error: 'onnxruntime-web could not run model.onnx: no wasm' },
      }),
    );
    expect(md).toContain('**Task:** regression: predicts **Body mass** as a number');
    expect(md).toContain('| RMSE | 300.5 | 801.2 |');
    expect(md).toContain('| R² | 0.8612 | – |');
    expect(md).toContain('training mean, 4202.');
    expect(section(md, 'Parity: ONNX against Lathe')).toContain('**Not checked**: onnxruntime-web could not run model.onnx: no wasm');
  });
});

describe('profileFacts', () => {
  it('keeps the shares, the duplicate count and the first alerts', () => {
    const profile = {
      missingCellsShare: 0.25, duplicates: 3, duplicateShare: 0.01,
      alerts: Array.from({ length: 7 }, (_, i) => ({ type: 'MISSING', column: `c${i}`, message: `alert ${i}` })),
    } as unknown as Profile;
    expect(profileFacts(profile, 2)).toEqual({ missingCellsShare: 0.25, duplicates: 3, duplicateShare: 0.01, alertCount: 7, topAlerts: ['alert 0', 'alert 1'] });
  });
});
