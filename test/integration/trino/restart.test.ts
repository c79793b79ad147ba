// A Trino restart mid-query ends the query with a clear error, never a hang. The shared test
// platform must not be restarted (others use it), so this test brings up its own platform on
// spare ports, kills its Trino mid-stream, starts it again, and takes it down afterwards.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { localDown, localUp, type UpResult } from '../../../shared/src/platform/local';
import { isAlive } from '../../../shared/src/platform/processes';
import { isPortFree } from '../../../shared/src/platform/ports';
import { TrinoClient } from '../../../shared/src/trino/client';
import { sleep } from '../../../shared/src/wait';
import { TrinoTransportError } from '../../../shared/src/trino/errors';

const env: NodeJS.ProcessEnv = {
  ...process.env,
  LOCH_STATE_DIR: mkdtempSync(join(tmpdir(), 'loch-restart-')),
  LOCH_TRINO_PORT: '28580',
  LOCH_NESSIE_PORT: '29520',
};
let up: UpResult;

/**
 * Kills Trino and waits until it is gone and its port is free: a large JVM takes a moment to
 * die, and until then `localUp` would still find it running or its port busy.
 */
async function killTrino(): Promise<void> {
  const pid = up.record.services.trino.pid;
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 60_000;
  while (isAlive(pid) || !(await isPortFree(Number(env.LOCH_TRINO_PORT)))) {
    if (Date.now() > deadline) throw new Error(`Trino (pid ${pid}) did not go away after SIGKILL`);
    await sleep(50);
  }
}

before(async () => {
  up = await localUp({ env });
});

after(async () => {
  await localDown({ env });
  rmSync(env.LOCH_STATE_DIR!, { recursive: true, force: true });
});

test(
  'a Trino restart mid-query ends it with a lost-query error',
  { timeout: 300_000 },
  async () => {
    const client = new TrinoClient({
      url: up.endpoints.trino,
      user: 'loch-test',
      retryBudgetMs: 150_000,
    });
    const q = client.query('SELECT * FROM tpch.sf1.lineitem', { prefetchPages: 1 });
    const batches = q.batches()[Symbol.asyncIterator]();
    const first = await batches.next();
    assert.equal(first.done, false);
    const queryId = await q.queryId;

    await killTrino();
    const restarted = await localUp({ env });
    assert.equal(restarted.alreadyRunning, false);
    assert.notEqual(restarted.record.services.trino.pid, up.record.services.trino.pid);
    up = restarted;

    const t0 = Date.now();
    let err: unknown;
    try {
      for (let r = await batches.next(); !r.done; r = await batches.next());
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof TrinoTransportError, `expected a transport error, got ${String(err)}`);
    assert.equal(err.kind, 'lost-query');
    assert.match(err.message, new RegExp(`no longer knows query ${queryId}`));
    assert.ok(Date.now() - t0 < 150_000);
  },
);

test(
  'a Trino that stays down ends the query once the retry budget is spent',
  { timeout: 120_000 },
  async () => {
    const client = new TrinoClient({
      url: up.endpoints.trino,
      user: 'loch-test',
      retryBudgetMs: 2_000,
    });
    const q = client.query('SELECT * FROM tpch.sf1.lineitem', { prefetchPages: 1 });
    const batches = q.batches()[Symbol.asyncIterator]();
    assert.equal((await batches.next()).done, false);
    await killTrino();
    const t0 = Date.now();
    let err: unknown;
    try {
      for (let r = await batches.next(); !r.done; r = await batches.next());
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof TrinoTransportError, String(err));
    assert.equal(err.kind, 'unreachable');
    assert.match(
      err.message,
      /^cannot reach Trino at http:\/\/127\.0\.0\.1:28580 after \d+ attempts: /,
    );
    assert.ok(Date.now() - t0 < 30_000);
  },
);
