import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RefCatalogs } from '../../../shared/src/lakehouse/ref-catalogs';
import { WriteAuditPublish, type WapDeps } from '../../../shared/src/lakehouse/write-audit-publish';
import { NessieClient } from '../../../shared/src/nessie/client';
import { InvalidRefNameError } from '../../../shared/src/nessie/errors';

// Dependencies that fail the test if anything reaches a server: these checks happen first.
function untouchable(): WapDeps {
  const run = async () => assert.fail('no SQL may be sent');
  const nessie = new NessieClient({
    url: 'http://nessie.invalid/api/v2',
    fetch: async () => assert.fail('no request may be sent'),
  });
  return { run, nessie, catalogs: new RefCatalogs({ run, nessie, baseProperties: {} }) };
}

test('hostile branch, target or tag names are refused before anything is sent', async () => {
  const deps = untouchable();
  for (const bad of ['x"; DROP CATALOG lake; --', 'a..b', '', 'HEAD']) {
    assert.throws(() => new WriteAuditPublish(deps, bad), InvalidRefNameError, bad);
    assert.throws(() => new WriteAuditPublish(deps, 'etl/ok', bad), InvalidRefNameError, bad);
  }
});

test('the steps keep their order: no SQL before begin, no publish before a preview', async () => {
  const wap = new WriteAuditPublish(untouchable(), 'etl/ok', 'main');
  assert.throws(() => wap.catalog, /call begin\(\) first/);
  await assert.rejects(wap.write('SELECT 1'), /call begin\(\) first/);
  await assert.rejects(wap.publish(), /preview\(\) the merge before publishing/);
});
