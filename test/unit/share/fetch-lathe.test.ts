import { describe, expect, it } from 'vitest';
import { fetchLatheFile } from '../../../src/share/fetch-lathe';
import { UserError } from '../../../src/core/errors/user-error';

type Call = { url: string; init?: RequestInit };
function fakeFetch(behave: (call: Call) => Response | Error, calls: Call[] = []): typeof fetch {
  return (async (url: string, init?: RequestInit) => {
    const call = { url: String(url), init };
    calls.push(call);
    const r = behave(call);
    if (r instanceof Error) throw r;
    return r;
  }) as typeof fetch;
}
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as UserError);

describe('fetching a hosted .lathe file', () => {
  it('reads the bytes, without sending the recipient’s cookies', async () => {
    const calls: Call[] = [];
    const bytes = await fetchLatheFile('https://files.example/p.lathe', fakeFetch(() => new Response(new Uint8Array([80, 75, 3, 4])), calls));
    expect(Array.from(bytes)).toEqual([80, 75, 3, 4]);
    expect(calls[0].init?.credentials).toBe('omit');
  });

  it('explains a CORS refusal: the server answers an opaque request, but not a readable one', async () => {
    const f = fakeFetch(({ init }) => (init?.mode === 'no-cors' ? new Response(null) : new TypeError('Failed to fetch')));
    const e = await failure(fetchLatheFile('https://files.example/p.lathe', f));
    expect(e).toBeInstanceOf(UserError);
    expect(e.details?.kind).toBe('cors');
    expect(e.message).toMatch(/files\.example.*CORS header \(Access-Control-Allow-Origin\)/);
    expect(e.hint).toMatch(/drop it on Lathe’s home page/);
  });

  it('tells an unreachable host, an HTTP error and a bad address apart', async () => {
    const down = await failure(fetchLatheFile('https://down.example/p.lathe', fakeFetch(() => new TypeError('Failed to fetch'))));
    expect(down.message).toMatch(/down\.example could not be reached/);
    const missing = await failure(fetchLatheFile('https://files.example/gone.lathe', fakeFetch(() => new Response('no', { status: 404, statusText: 'Not Found' }))));
    expect(missing.message).toMatch(/answered 404 Not Found/);
    expect(missing.hint).toMatch(/moved or deleted/);
    expect((await failure(fetchLatheFile('not a url', fakeFetch(() => new Response(''))))).message).toMatch(/not a web address/);
    expect((await failure(fetchLatheFile('file:///etc/passwd', fakeFetch(() => new Response(''))))).message).toMatch(/only fetch http/);
  });
});
