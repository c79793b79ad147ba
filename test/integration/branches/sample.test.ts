// The write-audit-publish walkthrough's script, run as a user runs it, into a private target.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { after, test } from 'node:test';
import { cleanup, count, lakehouse, uniqueRef } from '../lakehouse/context';

const lh = lakehouse();
const into = uniqueRef('sample-into');
const tag = `${into}-tag`;
after(() => cleanup(lh, [into, tag]));

test('samples/write-audit-publish/wap.ts publishes an audited table and tags it', async () => {
  await lh.nessie.createBranch(into, 'main');
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve(import.meta.dirname, '../../../samples/write-audit-publish/wap.ts'),
      '--into',
      into,
      '--tag',
      tag,
    ],
    { encoding: 'utf8', timeout: 300_000 },
  );
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.deepEqual(
    lines.map((l) => l.slice(0, 2)),
    ['1.', '2.', '3.', '3.', '3.', '4.', '5.', '6.'],
  );
  assert.ok(lines.slice(2, 5).every((l) => l.startsWith('3. audit passed')));
  const head = await lh.nessie.getReference(into);
  assert.deepEqual(await lh.nessie.getReference(tag), { type: 'TAG', name: tag, hash: head.hash });
  const catalog = (await lh.catalogs.ensure(into)).catalog;
  const orders = await count(lh, 'SELECT count(*) FROM demo.orders', catalog);
  assert.equal(await count(lh, 'SELECT sum(orders) FROM marts.daily_revenue', catalog), orders);
  // The work branch is gone.
  const work = /branch (etl\/daily-revenue\.\d+)/.exec(lines[0]!)![1]!;
  assert.equal((await lh.nessie.listReferences({ prefix: work })).length, 0);
});
