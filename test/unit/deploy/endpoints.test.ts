// Endpoint validation, config.json presets, and that the Deploy cell's config and output carry no token.

import { describe, expect, it } from 'vitest';
import { presetEndpoints, validateEndpoint, connectionOf } from '../../../src/deploy/endpoints.ts';
import { readFileSync } from 'node:fs';

describe('endpoints', () => {
  it('validates and trims, naming the bad field', () => {
    const e = validateEndpoint({ id: '1', name: ' prod ', baseUrl: 'http://h:8000/', model: '', token: ' t ' });
    expect(e).toEqual({ id: '1', name: 'prod', baseUrl: 'http://h:8000', model: '', token: 't' });
    expect(connectionOf(e)).toEqual({ baseUrl: 'http://h:8000', token: 't' });
    expect(() => validateEndpoint({ id: '1', name: '', baseUrl: 'http://h', model: '' })).toThrow(/needs a name/);
    expect(() => validateEndpoint({ id: '1', name: 'a', baseUrl: 'nope', model: '' })).toThrow(/not a web address/);
    expect(() => validateEndpoint({ id: '1', name: 'a', baseUrl: 'http://h', model: 'bad name' })).toThrow(/not a usable model name/);
  });

  it('takes presets from config.json, never their tokens, skipping broken entries', () => {
    const list = presetEndpoints({ endpoints: [{ name: 'Portal', baseUrl: 'https://p.example/', token: 'leak' }, { name: 'x' }, 7] });
    expect(list).toEqual([{ id: 'preset-0', name: 'Portal', baseUrl: 'https://p.example', model: '', preset: true }]);
    expect(presetEndpoints(JSON.parse(readFileSync('public/config.json', 'utf8')))).toEqual([]);
    expect(presetEndpoints(null)).toEqual([]);
  });
});
