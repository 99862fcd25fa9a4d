/**
 * The one place that puts bytes on the wire to the host. Global `fetch` (undici) keeps
 * connections alive between calls, and `AbortSignal.timeout` bounds the whole exchange, body
 * included, so a host that stalls mid-body still times out.
 */
import { errorFromNetwork } from './failures.ts';

/** Status and raw body text of a host answer, whatever the status. */
export interface RawHostResponse {
  status: number;
  text: string;
}

/**
 * POSTs `body` as JSON to `url` and returns the status and body text. Never follows redirects (a
 * redirected POST would lose its body). Throws `HostApiError` (`timeout` or `unreachable`) when
 * no complete answer arrives within `timeoutMs`.
 */
export async function postJson(
  url: URL,
  body: unknown,
  timeoutMs: number,
  extraHeaders: Record<string, string> = {},
): Promise<RawHostResponse> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...extraHeaders },
      // A string body is sent as is (it was signed byte for byte); anything else as JSON.
      body: typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    throw errorFromNetwork(error, timeoutMs);
  }
}

/** Parses JSON without throwing: `undefined` when the text is not JSON (HTML error pages, etc.). */
export function parseJsonSafely(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
