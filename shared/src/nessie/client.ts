import { NessieTransportError } from './errors';

/** How to reach one Nessie server's REST API v2 (`.../api/v2`). */
export interface NessieConnection {
  url: string;
  token?: string;
  fetch?: typeof fetch;
}

export interface NessieConfig {
  defaultBranch: string;
  specVersion?: string;
  actualApiVersion?: number;
}

export async function nessieGet<T>(
  conn: NessieConnection,
  path: string,
  signal?: AbortSignal,
): Promise<T> {
  const doFetch = conn.fetch ?? fetch;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (conn.token) headers.Authorization = `Bearer ${conn.token}`;
  let res: Response;
  try {
    res = await doFetch(`${conn.url.replace(/\/$/, '')}${path}`, { headers, signal });
  } catch (e) {
    throw new NessieTransportError(`cannot reach Nessie at ${conn.url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new NessieTransportError(`Nessie answered HTTP ${res.status}`, res.status);
  return (await res.json()) as T;
}

export function getConfig(conn: NessieConnection, signal?: AbortSignal): Promise<NessieConfig> {
  return nessieGet<NessieConfig>(conn, '/config', signal);
}
