// What integration and end-to-end tests know of the real local platform that
// scripts/test.mjs started (or reused) for this run.
import { TrinoClient } from '../../shared/src/trino/client';

export function trinoUrl(): string {
  const url = process.env.LOCH_TRINO_URL;
  if (!url) throw new Error('LOCH_TRINO_URL is not set: run integration tests through `npm test`');
  return url;
}

export function nessieApiUrl(): string {
  const url = process.env.LOCH_NESSIE_URL;
  if (!url) throw new Error('LOCH_NESSIE_URL is not set: run integration tests through `npm test`');
  return url;
}

let client: TrinoClient | undefined;

/** The run's Trino client (user `loch-test`), one per test process as a host keeps one. */
export function trino(): TrinoClient {
  client ??= new TrinoClient({ url: trinoUrl(), user: 'loch-test' });
  return client;
}

/** A name no other test run uses, for schemas, tables and branches a test creates. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
}

/** Trino's query states before a query has ended (system.runtime.queries' `state`). */
export const ACTIVE_QUERY_STATES: ReadonlySet<string> = new Set([
  'QUEUED',
  'WAITING_FOR_RESOURCES',
  'DISPATCHING',
  'PLANNING',
  'STARTING',
  'RUNNING',
  'FINISHING',
]);
