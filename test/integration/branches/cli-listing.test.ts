// `loch tables`, `loch merge --dry-run --json` and `loch tag delete` since they run on the
// core's LakeListing, merge preview and ref functions.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runLoch } from '../../support/cli';
import { uniqueName } from '../../support/platform';
import { cleanup, lakehouse, uniqueRef } from '../lakehouse/context';
import { icebergViewPut, deltaTablePut } from '../../support/foreign-content';

const lh = lakehouse();
const refs: string[] = [];
after(() => cleanup(lh, refs));

test('loch tables lists Iceberg tables and views only; merge --dry-run --json is the preview', async () => {
  const into = uniqueRef('cli-ls-into');
  const branch = uniqueRef('cli-ls');
  refs.push(into, branch);
  await lh.nessie.createBranch(into, 'main');
  const start = await lh.nessie.createBranch(branch, into);
  const ns = uniqueName('cl');
  // Content Trino cannot write here (a view, a Delta Lake table), committed as other engines do.
  const commit = await lh.nessie.commit(
    branch,
    start.hash,
    [
      { type: 'PUT', key: [ns], content: { type: 'NAMESPACE', elements: [ns] } },
      icebergViewPut(ns),
      deltaTablePut(ns),
    ],
    'a view and a delta table',
  );

  const tables = await runLoch(['tables', '--branch', branch, '--json']);
  assert.equal(tables.code, 0, tables.stderr);
  const rows = JSON.parse(tables.stdout) as { name: string }[];
  assert.deepEqual(
    rows.filter((r) => r.name.startsWith(`${ns}.`)),
    [
      {
        name: `${ns}.v`,
        type: 'ICEBERG_VIEW',
        metadataLocation: `local:///views/${ns}/v.metadata.json`,
      },
    ],
  );
  assert.ok(rows.some((r) => r.name === 'demo.orders'));

  const dry = await runLoch(['merge', branch, '--into', into, '--dry-run', '--json']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.deepEqual(JSON.parse(dry.stdout), {
    from: branch,
    into,
    dryRun: true,
    fromHash: commit.branch.hash,
    intoHash: start.hash,
    commits: [{ hash: commit.branch.hash, message: 'a view and a delta table' }],
    changedKeys: [ns, `${ns}.delta`, `${ns}.v`],
    conflicts: [],
    canMerge: true,
  });
});

test('loch tag delete on a branch is one line and deletes nothing', async () => {
  const branch = uniqueRef('cli-notag');
  refs.push(branch);
  const ref = await lh.nessie.createBranch(branch, 'main');
  const r = await runLoch(['tag', 'delete', branch]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `loch: ${branch} is a branch, not a tag; nothing was deleted\n`);
  assert.deepEqual(await lh.nessie.getReference(branch), ref);
});
