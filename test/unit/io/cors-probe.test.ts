import { describe, expect, it } from 'vitest';
import { answersOpaquely } from '../../../src/io/cors-probe';

describe('answersOpaquely', () => {
  it('is true when an opaque request gets through, and asks in no-cors mode', async () => {
    const modes: (string | undefined)[] = [];
    const f = (async (_u: RequestInfo | URL, init?: RequestInit) => {
      modes.push(init?.mode);
      return new Response(null, { status: 200 });
    }) as typeof fetch;
    expect(await answersOpaquely('https://x.example/a', f)).toBe(true);
    expect(modes).toEqual(['no-cors']);
  });

  it('is false when nothing answers', async () => {
    const f = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await answersOpaquely('https://x.example/a', f)).toBe(false);
  });
});
