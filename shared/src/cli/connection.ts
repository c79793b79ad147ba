// Which Trino `loch` talks to, and as whom: flags first, then LOCH_TRINO_URL / LOCH_USER /
// LOCH_PASSWORD / LOCH_TOKEN / LOCH_TRINO_AUTH=oauth2, else the local platform `loch up`
// recorded as running.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { stateDir } from '../platform/paths';
import { readRecord } from '../platform/state';
import type { TrinoAuth } from '../trino/auth';
import type { TrinoClientOptions, TrinoTlsOptions } from '../trino/client';
import { nodeTlsFetch } from '../trino/node-tls';
import { UsageError } from './io';
import { browserOpener } from './open-browser';

export interface ConnectionFlags {
  url?: string;
  user?: string;
}

export interface ResolvedConnection extends TrinoClientOptions {
  /** Where the URL came from, for messages. */
  source: 'flag' | 'env' | 'local platform';
}

function defaultUser(env: NodeJS.ProcessEnv): string {
  try {
    return env.USER || userInfo().username || 'loch';
  } catch {
    return 'loch';
  }
}

/** Throws a UsageError naming the fix when there is nothing to connect to. */
export function resolveConnection(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  say: (text: string) => void = (text) => process.stderr.write(text),
): ResolvedConnection {
  let url = flags.url;
  let source: ResolvedConnection['source'] = 'flag';
  if (!url && env.LOCH_TRINO_URL) {
    url = env.LOCH_TRINO_URL;
    source = 'env';
  }
  if (!url) {
    const record = readRecord(stateDir(env));
    if (record?.phase === 'running') {
      url = record.services.trino.url;
      source = 'local platform';
    }
  }
  if (!url) {
    throw new UsageError('no Trino to query: run `loch up`, or set LOCH_TRINO_URL (or pass --url)');
  }
  if (!/^https?:\/\//.test(url)) throw new UsageError(`not an http(s) URL: ${url}`);
  const explicitUser = flags.user ?? (env.LOCH_USER || undefined);
  // Secrets come from the environment only: a command line is visible to every local user.
  let auth: TrinoAuth = { type: 'none' };
  const kind = env.LOCH_TRINO_AUTH?.toLowerCase();
  if (kind && kind !== 'oauth2') {
    throw new UsageError(
      `LOCH_TRINO_AUTH is oauth2 (or unset: LOCH_TOKEN / LOCH_PASSWORD choose), not ${kind}`,
    );
  }
  if (env.LOCH_TOKEN) auth = { type: 'bearer', token: env.LOCH_TOKEN };
  else if (kind === 'oauth2') auth = { type: 'oauth2', openUrl: browserOpener(env, say) };
  // A token names its user; the OS account name would be a request to impersonate someone
  // else, which Trino's default access control refuses. Without a token, the OS name is it.
  const tokenAuth = auth.type === 'bearer' || auth.type === 'oauth2';
  const user = explicitUser ?? (tokenAuth ? '' : defaultUser(env));
  if (auth.type === 'none' && env.LOCH_PASSWORD) {
    auth = { type: 'basic', user, password: env.LOCH_PASSWORD };
  }
  const conn: ResolvedConnection = { url, user, auth, source };
  if (url.startsWith('https:') && (env.LOCH_TRINO_CA || env.LOCH_TRINO_INSECURE === '1')) {
    const tls: TrinoTlsOptions = { verify: env.LOCH_TRINO_INSECURE !== '1' };
    if (env.LOCH_TRINO_CA) {
      try {
        tls.ca = readFileSync(env.LOCH_TRINO_CA, 'utf8');
      } catch (e) {
        throw new UsageError(
          `cannot read LOCH_TRINO_CA ${env.LOCH_TRINO_CA}: ${(e as Error).message}`,
        );
      }
    }
    conn.tls = tls;
    conn.fetch = nodeTlsFetch(tls);
  }
  return conn;
}
