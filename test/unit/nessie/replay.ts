// Replays the Nessie responses recorded by test/fixtures/nessie/record.ts: each request must
// match a recorded one (method + path); anything else fails the test.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Exchange } from '../../fixtures/nessie/record';

export const URL_ROOT = 'http://nessie.test/api/v2';

export interface Recording {
  names: { a: string; b: string; key: string[]; key2: string[] };
  exchanges: Exchange[];
}

export const recording = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../fixtures/nessie/exchanges.json'), 'utf8'),
) as Recording;

export interface Replay {
  fetch: typeof fetch;
  requests: { method: string; path: string; authorization?: string; body?: string }[];
}

/** A fetch answering from the recording; `pick` can substitute one exchange for another. */
export function replay(pick?: (method: string, path: string) => Exchange | undefined): Replay {
  const requests: Replay['requests'] = [];
  const doFetch: typeof fetch = async (input, init) => {
    const method = init?.method ?? 'GET';
    const path = String(input).slice(URL_ROOT.length);
    const headers = new Headers(init?.headers);
    requests.push({
      method,
      path,
      authorization: headers.get('authorization') ?? undefined,
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    const hit =
      pick?.(method, path) ??
      recording.exchanges.find((e) => e.method === method && e.path === path);
    if (!hit) throw new Error(`no recorded exchange for ${method} ${path}`);
    return new Response(hit.body, { status: hit.status });
  };
  return { fetch: doFetch, requests };
}
