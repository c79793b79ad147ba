// Cancelling at random points leaves no query running in Trino: before the first page, while
// queued, mid-stream, by breaking out of the batches, through cancel().
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrinoClient, type TrinoQuery } from '../../../shared/src/trino/client';
import { trinoUrl, uniqueName, ACTIVE_QUERY_STATES } from '../../support/platform';

const client = () => new TrinoClient({ url: trinoUrl(), user: 'loch-test' });
/**
 * States of the queries whose text carries `tag`, once none is active (or after 20 s), looking
 * for at least `watchMs` so that a query dispatched late would show up too.
 */
async function settledStates(
  tag: string,
  watchMs = 0,
): Promise<{ state: string; error: string | null }[]> {
  const deadline = Date.now() + 20_000;
  const watchUntil = Date.now() + watchMs;
  for (;;) {
    const rows = await client()
      .query(
        `SELECT state, error_code FROM system.runtime.queries
         WHERE strpos(query, '${tag}') > 0 AND strpos(query, 'system.runtime.queries') = 0`,
      )
      .rows();
    const states = rows.map(([state, error]) => ({
      state: state as string,
      error: error as string | null,
    }));
    const settled =
      !states.some((s) => ACTIVE_QUERY_STATES.has(s.state)) && Date.now() >= watchUntil;
    if (settled || Date.now() > deadline) return states;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function longQuery(tag: string, signal?: AbortSignal): TrinoQuery {
  // Streams six million rows: never finishes within a test, and holds little CPU while the
  // client does not read (Trino blocks on full output buffers).
  return client().query(`SELECT l.*, '${tag}' AS tag FROM tpch.sf1.lineitem l`, {
    signal,
    prefetchPages: 1,
  });
}

/**
 * Nothing with `tag` is running: a query cancelled once dispatched ends FAILED/USER_CANCELED; one
 * cancelled while still queued in the coordinator's front door is never dispatched at all.
 */
async function assertCancelled(tag: string, mayBeUndispatched: boolean): Promise<void> {
  const states = await settledStates(tag, mayBeUndispatched ? 3_000 : 0);
  assert.ok(states.length <= 1, JSON.stringify(states));
  if (!mayBeUndispatched) assert.equal(states.length, 1, `one query with ${tag}`);
  for (const s of states) {
    assert.equal(s.state, 'FAILED', JSON.stringify(states));
    assert.equal(s.error, 'USER_CANCELED');
  }
}

test('aborting right away, before Trino has answered the POST, cancels on the server', async () => {
  const tag = uniqueName('cancel_pre');
  const ctl = new AbortController();
  const q = longQuery(tag, ctl.signal);
  ctl.abort();
  await assert.rejects(q.table(), { name: 'AbortError' });
  await assert.rejects(q.queryId, { name: 'AbortError' });
  await q.cancel();
  await assertCancelled(tag, true);
});

test('cancel() once the query id is known', async () => {
  const tag = uniqueName('cancel_id');
  const q = longQuery(tag);
  await q.queryId;
  await q.cancel();
  await assert.rejects(q.summary, { name: 'AbortError' });
  await assertCancelled(tag, true);
});

test('breaking out of the batches mid-stream cancels the query', async () => {
  const tag = uniqueName('cancel_break');
  const q = longQuery(tag);
  let seen = 0;
  for await (const batch of q.batches()) {
    seen += batch.numRows;
    if (seen > 10_000) break;
  }
  assert.ok(seen > 10_000);
  await assertCancelled(tag, false);
});

test('an AbortSignal fired at random points leaves nothing running', async () => {
  for (let i = 0; i < 5; i++) {
    const tag = uniqueName(`cancel_rand${i}`);
    const ctl = new AbortController();
    const q = longQuery(tag, ctl.signal);
    const afterBatches = Math.floor(Math.random() * 3);
    const afterMs = Math.floor(Math.random() * 400);
    const reading = (async () => {
      let n = 0;
      for await (const batch of q.batches()) if (batch.numRows && ++n >= afterBatches) break;
    })();
    await new Promise((r) => setTimeout(r, afterMs));
    ctl.abort();
    await reading.catch(() => {});
    await q.cancel();
    const states = await settledStates(tag, 1_000);
    const at = `run ${i} (${afterBatches} batches, ${afterMs} ms): ${JSON.stringify(states)}`;
    assert.ok(states.length <= 1, at);
    for (const s of states) {
      assert.equal(s.state, 'FAILED', at);
      assert.equal(s.error, 'USER_CANCELED', at);
    }
  }
});
