import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readLatheFile, writeLatheFile } from '../../../src/share/lathe-file';
import { migrate, type Migration } from '../../../src/share/migrate';
import { LATHE_FORMAT_VERSION, type LatheDocument } from '../../../src/share/lathe-document';
import { UserError } from '../../../src/core/errors/user-error';

function sampleDocument(): LatheDocument {
  return {
    format: 'lathe',
    version: 1,
    app: '0.1.0',
    exportedAt: 1_700_000_000_000,
    includesData: true,
    project: {
      id: 'p-1',
      name: 'Penguins <b>',
      createdAt: 1,
      updatedAt: 2,
      sample: 'penguins',
      cells: [
        { id: 'c-data', kind: 'data', title: 'Data', config: { source: 'file', name: 'a.csv', size: 3, fileId: 'f-1', options: { types: { $t: 'float' } } } },
        { id: 'c-split', kind: 'split', title: 'Split', config: { testFraction: 0.2, stratify: true, seed: 42 } },
      ],
    },
    outputs: [
      { cellId: 'c-data', projectId: 'p-1', hash: 'h1', ranAt: 3, durationMs: 1.5, value: { datasetId: 'd-1', name: 'a.csv', rows: 3, columns: [], head: [['1', null]] } },
      { cellId: 'c-split', projectId: 'p-1', hash: 'h2', ranAt: 4, durationMs: 0, value: { train: Int32Array.from([0, 2]), test: Int32Array.from([1]), stratified: true } },
      { cellId: 'c-x', projectId: 'p-1', hash: 'h3', ranAt: 5, durationMs: 2, error: { message: 'bad', hint: undefined }, value: { weights: new Float32Array([0.5, NaN]), zip: new Uint8Array([80, 75]) } },
    ],
    deployments: [],
    datasets: [
      {
        id: 'd-1',
        name: 'a.csv',
        createdAt: 6,
        table: {
          rowCount: 3,
          columns: [
            { kind: 'numeric', name: 'x', type: 'float', values: Float64Array.from([1, NaN, -0]) },
            { kind: 'coded', name: '<img src=x>', type: 'categorical', codes: Int32Array.from([0, -1, 1]), dictionary: ['a', 'b'] },
          ],
        },
      },
    ],
    files: [{ id: 'f-1', name: 'a.csv', size: 3, type: 'text/csv', bytes: strToU8('x\n1') }],
  };
}

describe('.lathe files', () => {
  it('round-trips a document exactly, typed arrays and special numbers included', async () => {
    const doc = sampleDocument();
    const bytes = await writeLatheFile(doc);
    const back = await readLatheFile(bytes);
    expect(back).toStrictEqual(doc);
    const split = back.outputs[1].value as { train: Int32Array };
    expect(split.train).toBeInstanceOf(Int32Array);
    expect(Object.is((back.datasets[0].table.columns[0] as { values: Float64Array }).values[2], -0)).toBe(true);
  });

  it('is a zip of lathe.json (format and version on top) and binary parts under bin/', async () => {
    const files = unzipSync(await writeLatheFile(sampleDocument()));
    // train, test, weights, zip, x values, codes, the file's bytes
    expect(Object.keys(files).sort()).toEqual(['bin/0', 'bin/1', 'bin/2', 'bin/3', 'bin/4', 'bin/5', 'bin/6', 'lathe.json']);
    const json = JSON.parse(strFromU8(files['lathe.json']));
    expect(json.format).toBe('lathe');
    expect(json.version).toBe(LATHE_FORMAT_VERSION);
    expect(json.outputs[1].value.train).toEqual({ $t: 'bin', type: 'Int32Array', part: 0 });
  });

  it('reads a hand-written format-1 file (so files saved today keep opening)', async () => {
    // Written by hand from the format description, not by writeLatheFile.
    const json = `{
      "format": "lathe", "version": 1, "app": "0.1.0", "exportedAt": 1700000000000, "includesData": false,
      "project": { "id": "P", "name": "Hand made", "createdAt": 1, "updatedAt": 1,
        "cells": [ { "id": "C1", "kind": "split", "title": "Split", "config": { "testFraction": 0.25, "stratify": false, "seed": 7 } } ] },
      "outputs": [ { "cellId": "C1", "projectId": "P", "hash": "abc", "ranAt": 2, "durationMs": 1,
        "value": { "train": { "$t": "bin", "type": "Int32Array", "part": 0 }, "test": { "$t": "bin", "type": "Int32Array", "part": 1 },
                   "stratified": false, "score": { "$t": "num", "v": "NaN" }, "gone": { "$t": "undef" } } } ],
      "deployments": [], "datasets": [], "files": []
    }`;
    const part = (values: number[]) => new Uint8Array(Int32Array.from(values).buffer);
    const bytes = zipSync({ 'lathe.json': strToU8(json), 'bin/0': part([0, 1, 2]), 'bin/1': part([3]) });
    const doc = await readLatheFile(bytes);
    expect(doc.project.name).toBe('Hand made');
    expect(doc.outputs[0].value).toStrictEqual({ train: Int32Array.from([0, 1, 2]), test: Int32Array.from([3]), stratified: false, score: NaN, gone: undefined });
  });

  it('says what is wrong with a file that is not one', async () => {
    const err = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as UserError);
    expect((await err(readLatheFile(strToU8('hello')))).message).toMatch(/not a Lathe project file/);
    expect((await err(readLatheFile(zipSync({ 'other.txt': strToU8('x') })))).message).toMatch(/no lathe\.json/);
    expect((await err(readLatheFile(zipSync({ 'lathe.json': strToU8('{nope') })))).message).toMatch(/not valid JSON/);
    expect((await err(readLatheFile(zipSync({ 'lathe.json': strToU8('{"format":"lathe","version":99,"project":{}}') })))).message).toMatch(/newer Lathe/);
    expect((await err(readLatheFile(zipSync({ 'lathe.json': strToU8('{"format":"lathe","version":1,"project":{"id":"p"}}') })))).message).toMatch(/damaged/);
    const twice = sampleDocument();
    twice.project.cells.push({ ...twice.project.cells[0] });
    expect((await err(readLatheFile(await writeLatheFile(twice)))).message).toMatch(/two cells have the same id/);
    const truncated = (await writeLatheFile(sampleDocument())).slice(0, 200);
    expect(await err(readLatheFile(truncated))).toBeInstanceOf(UserError);
  });
});

describe('format migrations', () => {
  const v1 = () => ({ format: 'lathe', version: 1, project: { id: 'p', name: 'n', createdAt: 0, updatedAt: 0, cells: [] }, outputs: [] });

  it('runs the chain from an older version to the current one', () => {
    // A stand-in format 2 that renamed `outputs` to `results`: reading a version-1 file must migrate it.
    const calls: number[] = [];
    const steps: Record<number, Migration> = {
      1: (d) => {
        calls.push(1);
        return { ...d, version: 2, outputs: (d.outputs as unknown[]).map((o) => o) };
      },
    };
    const doc = migrate(v1(), 2, steps);
    expect(calls).toEqual([1]);
    expect(doc.version).toBe(2);
    expect(doc.deployments).toEqual([]);
  });

  it('refuses a gap in the chain and a step that does not advance', () => {
    expect(() => migrate(v1(), 2, {})).toThrow(/no way is known from format 1 to 2/);
    expect(() => migrate(v1(), 2, { 1: (d) => d })).toThrow(/did not produce format 2/);
    expect(() => migrate({ format: 'zip' })).toThrow(UserError);
    expect(() => migrate({ format: 'lathe', version: 0 })).toThrow(/no valid format version/);
  });
});
