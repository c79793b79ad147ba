// One HTTP exchange with Trino, as the protocol asks clients to behave: 502/503/504 are retried
// with growing back-off (and a nextUri GET also after a dropped connection, since it is
// idempotent), every attempt is bounded by a timeout, and credentials are added here.
import {
  base64Utf8,
  externalAuthToken,
  parseExternalAuthChallenge,
  type ExternalAuthChallenge,
  type TrinoAuth,
} from './auth';
import { TrinoTransportError, abortError } from './errors';
import { RETRY_STATUS } from './protocol';
import { sleep, untilAborted } from '../wait';

export interface TransportOptions {
  baseUrl: string;
  user: string;
  auth: TrinoAuth;
  fetch: typeof fetch;
  /** Bound on one HTTP request, body included (ms). */
  requestTimeoutMs: number;
  /** How long retries of one request may go on before giving up (ms). */
  retryBudgetMs: number;
  /** False asks for uncompressed answers (`Accept-Encoding: identity`). */
  compress: boolean;
}

export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
}

type OAuth2 = Extract<TrinoAuth, { type: 'oauth2' }>;

/**
 * What an OAuth2 login produced, kept per auth object: every client built from the same auth
 * (a CLI command that needs a second client, a host's clients of one connection) shares one
 * login and one token, as they share one identity.
 */
interface OAuth2State {
  token?: string;
  /** The login under way, if any: queries that meet a challenge meanwhile wait for it. */
  login?: { token: Promise<string>; waiters: number; stop: AbortController };
}
const oauth2States = new WeakMap<OAuth2, OAuth2State>();

function oauth2State(auth: OAuth2): OAuth2State {
  let state = oauth2States.get(auth);
  if (!state) oauth2States.set(auth, (state = {}));
  return state;
}

/** An AbortSignal that fires when `outer` does or after `ms`, and a disposer for its timer. */
function attemptSignal(outer: AbortSignal | undefined, ms: number) {
  const ctl = new AbortController();
  const timer = setTimeout(
    () => ctl.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')),
    ms,
  );
  const onAbort = () => ctl.abort(outer!.reason);
  if (outer?.aborted) ctl.abort(outer.reason);
  else outer?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: ctl.signal,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}

export class TrinoTransport {
  constructor(readonly options: TransportOptions) {}

  private authHeader(): string | undefined {
    const a = this.options.auth;
    if (a.type === 'basic') return `Basic ${base64Utf8(`${a.user}:${a.password}`)}`;
    if (a.type === 'bearer') return `Bearer ${a.token}`;
    const token = a.type === 'oauth2' ? oauth2State(a).token : undefined;
    if (token) return `Bearer ${token}`;
    return undefined;
  }

  /**
   * Sends one request. `idempotent` requests (nextUri GETs, DELETEs) are also retried when the
   * connection drops. Non-2xx answers other than the retried ones are returned to the caller.
   */
  async send(
    url: string,
    init: { method: 'GET' | 'POST' | 'DELETE'; headers?: Record<string, string>; body?: string },
    signal: AbortSignal | undefined,
    idempotent: boolean,
    /** Ends a wait for an OAuth2 login; a POST that must not be cut short still passes one. */
    loginSignal: AbortSignal | undefined = signal,
  ): Promise<HttpReply> {
    const { fetch: doFetch, requestTimeoutMs, retryBudgetMs } = this.options;
    const started = Date.now();
    let delay = 50;
    let authRetried = false;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortError(signal.reason);
      // Without a user name, Trino takes the authenticated principal (a token's subject).
      const headers: Record<string, string> = {
        ...(this.options.user ? { 'X-Trino-User': this.options.user } : {}),
        ...(this.options.compress ? {} : { 'Accept-Encoding': 'identity' }),
        ...init.headers,
      };
      const auth = this.options.auth;
      const sentToken = auth.type === 'oauth2' ? oauth2State(auth).token : undefined;
      const authorization = this.authHeader();
      if (authorization) headers.Authorization = authorization;
      const a = attemptSignal(signal, requestTimeoutMs);
      let reply: HttpReply;
      try {
        const res = await doFetch(url, {
          method: init.method,
          headers,
          body: init.body,
          signal: a.signal,
        });
        reply = { status: res.status, headers: res.headers, text: await res.text() };
      } catch (e) {
        if (signal?.aborted) throw abortError(signal.reason);
        const timedOut = a.signal.aborted;
        const retry = idempotent && Date.now() - started < retryBudgetMs;
        if (retry) {
          await sleep(delay, signal);
          delay = Math.min(delay * 2, 2000);
          continue;
        }
        throw transportFailure(this.options.baseUrl, e, timedOut, requestTimeoutMs, attempt);
      } finally {
        a.dispose();
      }
      if (RETRY_STATUS.has(reply.status) && Date.now() - started < retryBudgetMs) {
        await sleep(delay, signal);
        delay = Math.min(delay * 2, 2000);
        continue;
      }
      if (reply.status === 401 && auth.type === 'oauth2' && !authRetried) {
        const challenge = parseExternalAuthChallenge(reply.headers.get('www-authenticate'));
        if (challenge) {
          authRetried = true;
          // Another query may have logged in since this request left: then its token is tried.
          if (oauth2State(auth).token === sentToken) await this.login(auth, challenge, loginSignal);
          continue;
        }
      }
      if (reply.status === 401 || reply.status === 403) {
        throw new TrinoTransportError(authMessage(this.options.auth, reply), reply.status, 'auth');
      }
      return reply;
    }
  }

  /**
   * One browser login at a time per identity: concurrent queries that meet Trino's challenge wait
   * for the same login instead of each opening a page. The login is not tied to one query's
   * signal (that query may be cancelled while others wait); it stops when every query waiting
   * for it is cancelled, or at its own timeout.
   */
  private async login(
    auth: OAuth2,
    challenge: ExternalAuthChallenge,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const state = oauth2State(auth);
    let login = state.login;
    if (!login) {
      const stop = new AbortController();
      const started = externalAuthToken(challenge, auth, this.options.fetch, stop.signal);
      login = { token: started, waiters: 0, stop };
      state.login = login;
      const settle = (token?: string) => {
        if (token !== undefined) state.token = token;
        if (state.login === login) state.login = undefined;
      };
      started.then(settle, () => settle());
    }
    login.waiters++;
    try {
      await untilAborted(login.token, signal);
    } finally {
      if (--login.waiters === 0 && signal?.aborted) login.stop.abort(signal.reason);
    }
  }
}

/** `HTTP 401: <the first line of the body>`, for messages about an answer Trino gave. */
export function httpStatusText(reply: HttpReply): string {
  const detail = reply.text.trim().split('\n')[0]?.slice(0, 200);
  return `HTTP ${reply.status}${detail ? `: ${detail}` : ''}`;
}

function authMessage(auth: TrinoAuth, reply: HttpReply): string {
  const what =
    auth.type === 'none'
      ? 'Trino requires authentication: give a password or a token'
      : auth.type === 'bearer'
        ? 'Trino refused the token (expired or invalid)'
        : auth.type === 'basic'
          ? `Trino refused the credentials of user ${auth.user}`
          : 'Trino refused the OAuth2 login';
  return `${what} (${httpStatusText(reply)})`;
}

function transportFailure(
  baseUrl: string,
  e: unknown,
  timedOut: boolean,
  timeoutMs: number,
  attempts: number,
): TrinoTransportError {
  if (timedOut) {
    return new TrinoTransportError(
      `Trino at ${baseUrl} did not answer within ${timeoutMs / 1000} s`,
      undefined,
      'timeout',
    );
  }
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code + (cause?.message ?? ''))) {
    return new TrinoTransportError(
      `TLS verification of ${baseUrl} failed: ${cause?.message ?? code}`,
      undefined,
      'tls',
    );
  }
  const why = cause?.message ?? code ?? (e as Error).message;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  return new TrinoTransportError(
    `cannot reach Trino at ${baseUrl}${tries}: ${why || (e as Error).message}`,
    undefined,
    'unreachable',
  );
}
