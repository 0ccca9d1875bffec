import { describe, expect, it } from 'vitest';
import { fetchSource, fileNameOf } from '../../../src/io/url-source';
import { UserError } from '../../../src/core/errors/user-error';

const text = (s: string) => new TextEncoder().encode(s);

function fakeFetch(handler: (url: string, init?: RequestInit) => Response | Promise<Response>): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => handler(String(input), init)) as typeof fetch;
}

async function readAll(source: Awaited<ReturnType<typeof fetchSource>>): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of source.stream()) parts.push(chunk);
  return new TextDecoder().decode(Buffer.concat(parts));
}

describe('fetchSource', () => {
  it('downloads the body with progress and names the source after the path', async () => {
    const body = text('a,b\n1,2\n');
    const seen: number[] = [];
    const source = await fetchSource(
      'https://data.example/dir/my%20file.csv?x=1',
      (p) => seen.push(p.bytes),
      fakeFetch(() => new Response(body, { headers: { 'content-length': String(body.length) } })),
    );
    expect(source.name).toBe('my file.csv');
    expect(source.size).toBe(body.length);
    expect(await readAll(source)).toBe('a,b\n1,2\n');
    expect(seen.at(-1)).toBe(body.length);
  });

  it('explains a CORS refusal when the opaque request gets through', async () => {
    const f = fakeFetch((_url, init) => {
      if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    });
    const err = await fetchSource('https://bucket.example/a.csv', undefined, f).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/refused to let Lathe read/);
    expect((err as UserError).hint).toMatch(/Access-Control-Allow-Origin/);
  });

  it('says the host is unreachable when nothing answers', async () => {
    const f = fakeFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const err = (await fetchSource('https://down.example/a.csv', undefined, f).catch((e: unknown) => e)) as UserError;
    expect(err.message).toMatch(/down\.example could not be reached/);
  });

  it('reports HTTP errors and refuses non-http addresses', async () => {
    const f = fakeFetch(() => new Response('nope', { status: 404, statusText: 'Not Found' }));
    await expect(fetchSource('https://x.example/missing.csv', undefined, f)).rejects.toThrow(/answered 404 Not Found/);
    await expect(fetchSource('file:///etc/passwd', undefined, f)).rejects.toThrow(/only fetch http/);
    await expect(fetchSource('not a url', undefined, f)).rejects.toThrow(/not a web address/);
  });

  it('names by host when the path is empty', () => {
    expect(fileNameOf('https://data.example/')).toBe('data.example');
  });
});
