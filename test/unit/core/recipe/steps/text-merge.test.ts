import { describe, expect, it } from 'vitest';
import { applyStep } from '../../../../../src/core/recipe/apply.ts';
import { mergeStep } from '../../../../../src/core/recipe/steps/merge.ts';
import { textStep, tidyText } from '../../../../../src/core/recipe/steps/text.ts';
import type { MergeStep, TextStep } from '../../../../../src/core/recipe/types.ts';
import { column, messy, table, texts, txt } from '../helpers.ts';

const tidy = (over: Partial<TextStep> = {}): TextStep => ({ id: 't', kind: 'text', columns: ['c'], trim: true, collapse: false, case: 'keep', accents: false, ...over });
const merge = (over: Partial<MergeStep> = {}): MergeStep => ({ id: 'm', kind: 'merge', column: 'city', auto: true, mapping: {}, ...over });

describe('tidyText', () => {
  it('trims, collapses, changes case and strips accents; an empty result is missing', () => {
    const all = { trim: true, collapse: true, case: 'keep' as const, accents: false };
    expect(tidyText('  São   Paulo\t', all)).toBe('São Paulo');
    expect(tidyText('  São   Paulo\t', { ...all, accents: true, case: 'upper' })).toBe('SAO PAULO');
    expect(tidyText("o'BRIEN-smith de la rue", { ...all, case: 'title' })).toBe("O'Brien-Smith De La Rue");
    expect(tidyText('ÉCOLE', { ...all, case: 'lower' })).toBe('école');
    expect(tidyText('   ', all)).toBeNull();
  });
});

describe('text step', () => {
  it('tidies each distinct text once and merges texts that become equal', () => {
    const t = table(txt('c', [' a', 'a ', 'B', null, '  ']));
    const out = applyStep(t, tidy({ case: 'lower' }), 0);
    expect(texts(out.table, 'c')).toEqual(['a', 'a', 'b', null, null]);
    const col = column(out.table, 'c');
    expect(col.kind === 'coded' && col.dictionary).toEqual(['a', 'b']);
    expect(out.report.changed).toBe(4);
    expect(out.report.examples[0]).toEqual({ row: 0, column: 'c', before: ' a', after: 'a' });
  });

  it('asks for at least one change and a text column', () => {
    expect(() => textStep.schema([{ name: 'c', type: 'text' }], tidy({ trim: false }))).toThrow(/at least one change/);
    expect(() => textStep.schema([{ name: 'c', type: 'float' }], tidy())).toThrow(/needs a text column/);
  });
});

describe('merge step', () => {
  it('merges the messy cities into their most common spelling, leaving distinct values alone', () => {
    const t = messy();
    const before = texts(t, 'city');
    const out = applyStep(t, merge(), 0);
    const after = texts(out.table, 'city');
    const count = (xs: (string | null)[], v: string) => xs.filter((x) => x === v).length;
    expect(count(after, 'Paris')).toBe(count(before, 'Paris') + count(before, 'paris') + count(before, 'PARIS'));
    expect(count(after, 'Lyon')).toBe(count(before, 'Lyon') + count(before, 'lyon') + count(before, 'Lyón'));
    expect(count(after, 'Nice')).toBe(count(before, 'Nice') + count(before, 'nice'));
    expect(count(after, 'Paris  Nord')).toBe(count(before, 'Paris  Nord'));
    expect(after.filter((x) => x === null).length).toBe(before.filter((x) => x === null).length);
    expect(new Set(after.filter((x) => x !== null))).toEqual(new Set(['Paris', 'Lyon', 'Nice', 'Lille', 'Paris  Nord']));
    expect(out.step).toMatchObject({ fitted: { map: { paris: 'Paris', PARIS: 'Paris', lyon: 'Lyon', Lyón: 'Lyon', nice: 'Nice' } } });
    expect(out.report.changed).toBe(before.filter((x, i) => x !== after[i]).length);
  });

  it('merges new variants of seen values at serving, and applies listed pairs after', () => {
    const t = table(txt('city', ['Paris', 'Paris', 'paris', 'Lyon', 'Rome']));
    const fit = mergeStep.apply(t, merge({ mapping: { Rome: 'Roma' } }), 'fit');
    expect(texts(fit.table, 'city')).toEqual(['Paris', 'Paris', 'Paris', 'Lyon', 'Roma']);
    const served = mergeStep.apply(table(txt('city', ['PARÍS', ' lyon', 'rome', 'Oslo', null])), fit.step, 'serve');
    expect(texts(served.table, 'city')).toEqual(['Paris', 'Lyon', 'Roma', 'Oslo', null]);
  });

  it('applies listed pairs alone when auto is off, and notes when there is nothing to merge', () => {
    const t = table(txt('city', ['a', 'A', 'b']));
    expect(texts(mergeStep.apply(t, merge({ auto: false, mapping: { b: 'a' } }), 'fit').table, 'city')).toEqual(['a', 'A', 'a']);
    expect(mergeStep.apply(table(txt('city', ['a', 'b'])), merge(), 'fit').notes).toEqual(['Nothing to merge in "city".']);
    expect(() => mergeStep.schema([{ name: 'city', type: 'categorical' }], merge({ auto: false }))).toThrow(/Choose values to merge/);
  });

  it('keeps a value named like an Object property as a plain value', () => {
    const t = table(txt('city', ['constructor', '__proto__', 'toString', 'x']));
    const out = mergeStep.apply(t, merge({ mapping: { x: '__proto__' } }), 'fit');
    expect(texts(out.table, 'city')).toEqual(['constructor', '__proto__', 'toString', '__proto__']);
    const json = JSON.parse(JSON.stringify(out.step));
    const served = mergeStep.apply(table(txt('city', ['CONSTRUCTOR', 'x'])), json, 'serve');
    expect(texts(served.table, 'city')).toEqual(['constructor', '__proto__']);
  });
});
