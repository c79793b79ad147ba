import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  lakeCatalogRef,
  assertNoSecrets,
  createCatalogSql,
  refCatalogName,
} from '../../../shared/src/lakehouse/ref-catalogs';
import { UnsafeSqlInputError } from '../../../shared/src/lakehouse/sql-text';
import { InvalidRefNameError } from '../../../shared/src/nessie/errors';

test('refCatalogName is a readable slug plus a hash of the exact name', () => {
  // echo -n main | sha256sum: 0d6e4079e36703eb...
  assert.equal(refCatalogName('main'), 'loch_ref_main_0d6e4079e36703eb');
  assert.equal(refCatalogName('etl/Daily.v2-fix'), refCatalogName('etl/Daily.v2-fix'));
  assert.match(refCatalogName('etl/Daily.v2-fix'), /^loch_ref_etl_daily_v2_fix_[0-9a-f]{16}$/);
});

test('names that fold to one slug still get distinct catalogs', () => {
  const names = [
    'dev',
    'Dev',
    'DEV',
    'a/b',
    'a.b',
    'a-b',
    'a_b',
    'a__b',
    'a/b/c',
    'a.b.c',
    'x-',
    'x_',
  ];
  const catalogs = names.map(refCatalogName);
  assert.equal(new Set(catalogs).size, names.length);
});

test('every legal name maps to a valid lower-case Trino identifier of bounded length', () => {
  const long = `L${'ong/name.with-many_parts'.repeat(20)}`;
  for (const name of ['a', 'A', 'z9', 'feature/x.y-z', 'release/2026.11', long, 'a-', 'a_']) {
    const c = refCatalogName(name);
    assert.match(c, /^[a-z][a-z0-9_]*$/, name);
    assert.ok(c.length <= 58, `${c} is ${c.length} long`);
  }
  // Two long names sharing their first 32 slug characters differ by the hash.
  assert.notEqual(refCatalogName(`${long}a`), refCatalogName(`${long}b`));
});

test('illegal ref names never become catalog names', () => {
  for (const bad of ['', 'a..b', '1x', 'x/', 'HEAD', "x'--", 'x"y', 'a b']) {
    assert.throws(() => refCatalogName(bad), InvalidRefNameError, bad);
  }
});

test('createCatalogSql quotes every key and value and sets the ref', () => {
  const sql = createCatalogSql('loch_ref_dev_1234', 'feat/x.y', {
    'connector.name': 'iceberg',
    'iceberg.catalog.type': 'nessie',
    'iceberg.nessie-catalog.ref': 'main',
    'local.location': "/tmp/it's here",
  });
  assert.equal(
    sql,
    'CREATE CATALOG IF NOT EXISTS "loch_ref_dev_1234" USING iceberg WITH (\n' +
      `  "iceberg.catalog.type" = 'nessie',\n` +
      `  "iceberg.nessie-catalog.ref" = 'feat/x.y',\n` +
      `  "local.location" = '/tmp/it''s here'\n)`,
  );
});

test('a secret never reaches a CREATE CATALOG statement (Trino logs it)', () => {
  assert.throws(
    () => createCatalogSql('c', 'dev', { 's3.aws-secret-key': 'abc' }),
    UnsafeSqlInputError,
  );
  assert.throws(
    () => assertNoSecrets({ 'iceberg.nessie-catalog.authentication.token': 't' }),
    /holds a secret/,
  );
  assert.doesNotThrow(() => assertNoSecrets({ 's3.aws-secret-key': '${ENV:S3_SECRET}' }));
});

test('the lake catalog reads its configured ref, else Trino’s default main', () => {
  assert.equal(lakeCatalogRef({ 'iceberg.nessie-catalog.ref': 'develop' }, 'trunk'), 'develop');
  // Not Nessie's default branch: Trino's connector reads main when the property is absent.
  assert.equal(lakeCatalogRef({ 'iceberg.catalog.type': 'nessie' }, 'trunk'), 'main');
  // Properties unknown: the host's guess (Nessie's default branch), so that ref stays queryable.
  assert.equal(lakeCatalogRef(undefined, 'trunk'), 'trunk');
});
