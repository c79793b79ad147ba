// Where the page sends Trino and Nessie requests: always through the Jupyter server's
// /loch/proxy/{trino,nessie} (same origin, Jupyter's auth and XSRF), never to the backend directly.
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/** What the server extension reports (`GET /loch/config`): the platform `loch up` started. */
export interface ServerDefaults {
  trinoUrl: string;
  nessieUrl: string;
  source: string;
  /** The `lake` catalog's properties (for per-ref catalogs); absent if unknown. */
  lakeCatalog?: Record<string, string>;
  /** The lake catalog's name and the ref it reads, from the platform record. */
  lakeCatalogName?: string;
  defaultRef?: string;
}

/** The user's settings (settings editor); empty strings mean "the server default". */
export interface LochSettings {
  trinoUrl: string;
  nessieUrl: string;
  trinoUser: string;
  defaultRef: string;
  maxSavedResultBytes: number;
  maxRows: number;
}

export const DEFAULT_SETTINGS: LochSettings = {
  trinoUrl: '',
  nessieUrl: '',
  trinoUser: 'jupyter',
  defaultRef: '',
  maxSavedResultBytes: 1_000_000,
  maxRows: 100_000,
};

export class EndpointError extends Error {
  override readonly name = 'EndpointError';
}

export async function fetchServerDefaults(
  settings: ServerConnection.ISettings = ServerConnection.makeSettings(),
): Promise<ServerDefaults> {
  const res = await ServerConnection.makeRequest(
    URLExt.join(settings.baseUrl, 'loch', 'config'),
    {},
    settings,
  );
  if (res.status === 409) {
    // The server's platform record is one this Loch cannot read: its one line says why.
    const body = (await res.json().catch(() => ({}))) as { message?: unknown };
    throw new EndpointError(String(body.message ?? 'the platform record cannot be read'));
  }
  if (!res.ok) {
    throw new EndpointError(
      `the Loch server extension did not answer (HTTP ${res.status}): is loch_jupyterlab installed and enabled?`,
    );
  }
  return (await res.json()) as ServerDefaults;
}

/**
 * A `fetch` for the core's Trino or Nessie client that maps every URL under `upstream` (the
 * backend URL the core believes it talks to, including Trino's absolute nextUri links) onto
 * the Jupyter server's proxy. `target` is sent only when the user's settings chose the backend.
 */
export function proxiedFetch(
  service: 'trino' | 'nessie',
  upstream: string,
  options: { target?: string; settings?: ServerConnection.ISettings } = {},
): typeof fetch {
  const settings = options.settings ?? ServerConnection.makeSettings();
  const base = upstream.replace(/\/+$/, '');
  const proxyBase = URLExt.join(settings.baseUrl, 'loch', 'proxy', service);
  const proxied = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url !== base && !url.startsWith(`${base}/`) && !url.startsWith(`${base}?`)) {
      throw new EndpointError(`refusing to send a ${service} request outside ${base}: ${url}`);
    }
    const headers = new Headers(init.headers);
    // The backend credential must not collide with Jupyter's own Authorization header.
    const credential = headers.get('Authorization');
    if (credential) {
      headers.delete('Authorization');
      headers.set('X-Loch-Authorization', credential);
    }
    if (options.target) headers.set('X-Loch-Target', options.target);
    return ServerConnection.makeRequest(
      `${proxyBase}${url.slice(base.length)}`,
      { ...init, headers },
      settings,
    );
  };
  return proxied as typeof fetch;
}
