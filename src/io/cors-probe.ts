// Tells a CORS refusal from an unreachable server after a fetch failed: browsers hide which it was.

/**
 * Whether the server answers an opaque (no-cors) request. After a normal request to the same URL failed,
 * true means the server is up but did not allow this page to read its answer (CORS); false means it
 * could not be reached. Outside a browser there is no CORS, and the probe fails like the request did.
 */
export async function answersOpaquely(url: string, fetchImpl: typeof fetch = fetch, timeoutMs = 10_000): Promise<boolean> {
  try {
    await fetchImpl(url, { mode: 'no-cors', signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}
