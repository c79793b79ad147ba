// errorLine() and the error base on real error objects: Trino's and Nessie's answers recorded
// from the real servers (test/fixtures), real unreachable ports, a real abort. Each line is
// exactly what a host's notification and the CLI's stderr show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oneLineError } from '../../shared/src/cli/errors';
import { UsageError } from '../../shared/src/cli/io';
import { errorLine, LochError } from '../../shared/src/errors';
import { NessieClient } from '../../shared/src/nessie/client';
import {
  InvalidRefNameError,
  NessieApiError,
  NessieConflictError,
  NessieNotFoundError,
  NessieTransportError,
} from '../../shared/src/nessie/errors';
import { PlatformError } from '../../shared/src/platform/errors';
import { TrinoClient } from '../../shared/src/trino/client';
import { TrinoQueryError, TrinoTransportError } from '../../shared/src/trino/errors';
import { loadRecording, replay as trinoReplay } from '../fixtures/trino/replay';
import { recording, replay as nessieReplay, URL_ROOT } from './nessie/replay';

const caught = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );

const nessie = (pick?: Parameters<typeof nessieReplay>[0]) =>
  new NessieClient({ url: URL_ROOT, fetch: nessieReplay(pick).fetch });

test('a Trino engine error: its name, position and first line; code trino-query', async () => {
  const client = new TrinoClient({
    url: 'http://127.0.0.1:28080',
    user: 'unit',
    fetch: trinoReplay(loadRecording('syntax-error')).fetch,
  });
  const err = await caught(client.statement('SELECT 1 +\n  FROM'));
  assert.ok(err instanceof TrinoQueryError && err instanceof LochError);
  assert.equal(err.code, 'trino-query');
  assert.equal(
    errorLine(err),
    "SYNTAX_ERROR at 2:3: mismatched input 'FROM'. Expecting: <expression>",
  );
  assert.deepEqual(oneLineError(err), {
    line: "loch: SYNTAX_ERROR at 2:3: mismatched input 'FROM'. Expecting: <expression>",
    exitCode: 1,
  });
});

test('an unknown ref: Nessie API error, not a transport error; code nessie-not-found', async () => {
  const missing = recording.exchanges[18]!.path.slice('/trees/'.length);
  const err = await caught(nessie().getReference(missing));
  assert.ok(err instanceof NessieNotFoundError && err instanceof NessieApiError);
  assert.ok(!(err instanceof NessieTransportError));
  assert.equal(err.code, 'nessie-not-found');
  assert.equal(err.status, 404);
  assert.equal(errorLine(err), `Named reference '${missing}' not found`);
});

test("a merge conflict: Nessie's message and that nothing changed; code nessie-conflict", async () => {
  const raw = recording.exchanges[17]!;
  const err = await caught(
    nessie((_m, path) => (path.endsWith('/history/merge') ? raw : undefined)).merge({
      from: recording.names.b,
      into: recording.names.a,
    }),
  );
  assert.ok(err instanceof NessieConflictError && !(err instanceof NessieTransportError));
  assert.equal(err.code, 'nessie-conflict');
  const { message } = JSON.parse(raw.body) as { message: string };
  assert.equal(errorLine(err), `${message}; nothing was changed`);
});

test('an unreachable Nessie is a transport error, not an API error; code nessie-unreachable', async () => {
  const err = await caught(new NessieClient({ url: 'http://127.0.0.1:1/api/v2' }).config());
  assert.ok(err instanceof NessieTransportError && !(err instanceof NessieApiError));
  assert.equal(err.code, 'nessie-unreachable');
  assert.equal(err.status, undefined);
  assert.equal(errorLine(err), 'cannot reach Nessie at http://127.0.0.1:1/api/v2: fetch failed');
});

test('an unreachable Trino: code trino-unreachable, one line naming it', async () => {
  const client = new TrinoClient({ url: 'http://127.0.0.1:1', user: 'unit', retryBudgetMs: 0 });
  const err = await caught(client.statement('SELECT 1'));
  assert.ok(err instanceof TrinoTransportError);
  assert.equal(err.code, 'trino-unreachable');
  // Port 1 is on fetch's list of blocked ports: refused without a connection attempt.
  assert.equal(errorLine(err), 'cannot reach Trino at http://127.0.0.1:1: bad port');
});

test('a cancelled query: "cancelled", and the CLI exits 130', async () => {
  const client = new TrinoClient({
    url: 'http://127.0.0.1:28080',
    user: 'unit',
    fetch: trinoReplay(loadRecording('types')).fetch,
  });
  const ctl = new AbortController();
  ctl.abort();
  const err = await caught(client.statement('SELECT 1', { signal: ctl.signal }));
  assert.equal((err as Error).name, 'AbortError');
  assert.equal(errorLine(err), 'cancelled');
  assert.deepEqual(oneLineError(err), { line: 'loch: cancelled', exitCode: 130 });
});

test('a bad ref name, refused before any request: code invalid-ref-name', async () => {
  const err = await caught(nessie().getReference('a..b'));
  assert.ok(err instanceof InvalidRefNameError);
  assert.equal(err.code, 'invalid-ref-name');
  assert.match(errorLine(err), /^invalid reference 'a\.\.b': /);
});

test('a hint follows the cause; usage mistakes exit 2; anything else prints its first line', () => {
  const platform = new PlatformError('port 18080 for Trino is busy', 'stop it', 'port-busy');
  assert.equal(platform.code, 'port-busy');
  assert.equal(errorLine(platform), 'port 18080 for Trino is busy; stop it');
  assert.deepEqual(oneLineError(new UsageError('unknown option --x')), {
    line: 'loch: unknown option --x',
    exitCode: 2,
  });
  assert.equal(errorLine(new TypeError('first\nsecond')), 'first');
  assert.equal(errorLine('a thrown string'), 'a thrown string');
});
