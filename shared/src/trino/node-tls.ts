// Node only: a fetch that applies TLS options (a private CA, or no verification for throwaway
// test setups). Node's global fetch cannot take a CA; undici's Agent can. Browsers and the
// JupyterLab proxy use their own trust stores and never load this module.
import { Agent, fetch as undiciFetch } from 'undici';
import type { TrinoTlsOptions } from './client';

export function nodeTlsFetch(tls: TrinoTlsOptions): typeof fetch {
  const dispatcher = new Agent({
    connect: { ca: tls.ca, rejectUnauthorized: tls.verify !== false },
  });
  return ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as typeof fetch;
}
