// How the client proves who it is. Basic and bearer are headers; OAuth2 is Trino's
// external-authentication flow: a 401 names a URL for the user's browser and a token server the
// client polls until the user has logged in.
import { bytesToBase64 } from '../text/base64';
import { TrinoTransportError, abortError } from './errors';
import { RETRY_STATUS } from './protocol';
import { sleep } from '../wait';

export type TrinoAuth =
  | { type: 'none' }
  | { type: 'basic'; user: string; password: string }
  | { type: 'bearer'; token: string }
  | {
      type: 'oauth2';
      /** Opens Trino's login page for the user: the host's `openExternal` / `window.open`. */
      openUrl: (url: string) => void | Promise<void>;
      /** How long to wait for the user to finish logging in (ms, default 5 minutes). */
      loginTimeoutMs?: number;
    };

/** Base64 of UTF-8 bytes; `btoa` alone only takes Latin-1. */
export function base64Utf8(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text));
}

/** Where the user logs in (opened in a browser) and where the client polls for the token. */
export interface ExternalAuthChallenge {
  redirectUrl?: string;
  tokenUrl: string;
}

/** The `x_redirect_server` / `x_token_server` pair of a Bearer challenge, if there is one. */
export function parseExternalAuthChallenge(
  header: string | null,
): ExternalAuthChallenge | undefined {
  if (!header) return undefined;
  const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(header)?.[1];
  const tokenUrl = attr('x_token_server');
  if (!tokenUrl) return undefined;
  return { redirectUrl: attr('x_redirect_server'), tokenUrl };
}

function webUrl(text: string, what: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') {
    throw new TrinoTransportError(`Trino's OAuth2 ${what} is not a web URL: ${text}`, 401, 'auth');
  }
  return url.href;
}

interface TokenPoll {
  token?: string;
  nextUri?: string;
  error?: string;
}

/**
 * Runs the external-authentication flow after a challenge: opens the login page, then follows
 * the token server's `nextUri` chain until it hands out a token (or an error, or time runs out).
 */
export async function externalAuthToken(
  challenge: ExternalAuthChallenge,
  auth: Extract<TrinoAuth, { type: 'oauth2' }>,
  doFetch: typeof fetch,
  signal?: AbortSignal,
): Promise<string> {
  // The URL comes from the server's header and goes to a browser or an OS opener: only web
  // pages are opened, never a file, a custom scheme or something that reads as an option.
  if (challenge.redirectUrl) await auth.openUrl(webUrl(challenge.redirectUrl, 'login page'));
  webUrl(challenge.tokenUrl, 'token server');
  const timeoutMs = auth.loginTimeoutMs ?? 300_000;
  // Trino holds each token poll open for a while; the deadline cuts a poll short too.
  const deadline = AbortSignal.timeout(timeoutMs);
  const polls = signal ? AbortSignal.any([signal, deadline]) : deadline;
  let url = challenge.tokenUrl;
  try {
    for (;;) {
      const res = await doFetch(url, { signal: polls });
      if (RETRY_STATUS.has(res.status)) {
        await sleep(500, polls);
        continue;
      }
      if (!res.ok) {
        throw new TrinoTransportError(
          `Trino's login (OAuth2 token server) answered HTTP ${res.status}`,
          res.status,
          'auth',
        );
      }
      const body = (await res.json()) as TokenPoll;
      if (body.error) {
        throw new TrinoTransportError(`Trino login failed: ${body.error}`, 401, 'auth');
      }
      if (body.token) return body.token;
      if (body.nextUri) url = webUrl(body.nextUri, 'token server');
      else await sleep(1000, polls);
    }
  } catch (e) {
    if (signal?.aborted) throw abortError(signal.reason);
    if (deadline.aborted) {
      throw new TrinoTransportError(
        `Trino login (OAuth2) timed out after ${Math.round(timeoutMs / 1000)} s waiting for the browser`,
        401,
        'auth',
      );
    }
    if (e instanceof TrinoTransportError) throw e;
    throw new TrinoTransportError(
      `Trino's login (OAuth2 token server) could not be reached: ${(e as Error).message}`,
      undefined,
      'auth',
    );
  }
}
