// Fetches a hosted .lathe file in the browser for a #src= link, telling a CORS refusal from an unreachable host.
import { UserError } from '../core/errors/user-error';
import { answersOpaquely } from '../io/cors-probe';

export async function fetchLatheFile(url: string, fetchImpl: typeof fetch = fetch): Promise<Uint8Array> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`The link’s file address “${url}” is not a web address.`, 'A #src= link needs a full https:// address of a .lathe file.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new UserError(`Lathe can only fetch http(s) addresses, not ${parsed.protocol}`);
  let response: Response;
  try {
    // No cookies: the file must be public, and a shared link must not act with the recipient's logins.
    response = await fetchImpl(parsed.href, { credentials: 'omit' });
  } catch (err) {
    if (await answersOpaquely(parsed.href, fetchImpl)) {
      throw new UserError(
        `The server at ${parsed.host} did not let Lathe read the shared file: it sends no CORS header (Access-Control-Allow-Origin) allowing this page.`,
        'Lathe fetches the file in your browser, so the host must allow cross-origin reads. Host it where CORS is enabled (for example a GitHub Gist’s raw URL, or a storage bucket with a CORS rule), or download the .lathe file and drop it on Lathe’s home page.',
        { kind: 'cors', host: parsed.host },
      );
    }
    throw new UserError(`${parsed.host} could not be reached: ${err instanceof Error ? err.message : String(err)}.`, 'Check the address and your connection.');
  }
  if (!response.ok) {
    throw new UserError(
      `The server at ${parsed.host} answered ${response.status}${response.statusText ? ' ' + response.statusText : ''} for the shared file.`,
      response.status === 404 ? 'The file may have been moved or deleted: ask the sender for a new link.' : undefined,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}
