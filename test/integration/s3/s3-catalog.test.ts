// The S3 flavour of the lake catalog (platform-manifests/config/trino/storage/s3.properties, as
// the kind platform renders it) against a real S3-compatible server: moto, started here. No
// second Trino: the shared test Trino gets a uniquely named dynamic catalog with those
// properties, writes an Iceberg table through it, reads it back, and drops it all again.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { lakeCatalogProperties } from '../../../shared/src/platform/config';
import { kindValues } from '../../../shared/src/platform/kind/rendered-config';
import { resourceRoot } from '../../../shared/src/platform/paths';
import { TrinoQueryError } from '../../../shared/src/trino/errors';
import { nessieApiUrl, trino, uniqueName } from '../../support/platform';
import { createBucket, listKeys, startS3Server, type S3Server } from './moto';

const sql = (s: string) => trino().statement(s, { signal: AbortSignal.timeout(120_000) });

function createCatalogSql(name: string, props: Record<string, string>): string {
  const withs = Object.entries(props).map(([k, v]) => `"${k}" = '${v.replaceAll("'", "''")}'`);
  return `CREATE CATALOG ${name} USING iceberg WITH (${withs.join(', ')})`;
}

describe('the lake catalog on S3 (kind flavour) against a real S3 server', () => {
  let s3: S3Server;
  const bucket = uniqueName('loch-s3').replaceAll('_', '-');
  const catalog = uniqueName('loch_s3');
  const schema = uniqueName('s3test');
  const created: string[] = [];

  /** The kind platform's catalog properties, pointed at this moto server and test Nessie. */
  function s3CatalogProperties(keys: { access: string; secret: string }) {
    return lakeCatalogProperties(resourceRoot(), {
      ...kindValues(resourceRoot()),
      's3.endpoint': s3.endpoint,
      'lake.warehouse': `s3://${bucket}/warehouse`,
      'nessie.api-uri': nessieApiUrl(),
      's3.access-key': keys.access,
      's3.secret-key': keys.secret,
    });
  }

  before(async () => {
    s3 = await startS3Server();
    await createBucket(s3.endpoint, bucket);
  });

  after(async () => {
    for (const stmt of [
      `DROP TABLE IF EXISTS ${catalog}.${schema}.readings`,
      `DROP SCHEMA IF EXISTS ${catalog}.${schema}`,
      ...created.map((c) => `DROP CATALOG IF EXISTS ${c}`),
    ]) {
      await sql(stmt).catch(() => {});
    }
    await s3?.stop();
  });

  test('the rendered properties are the S3 flavour with secret references, not keys', () => {
    const props = lakeCatalogProperties(resourceRoot(), kindValues(resourceRoot()));
    assert.equal(props['fs.native-s3.enabled'], 'true');
    assert.equal(props['s3.path-style-access'], 'true');
    assert.equal(props['s3.endpoint'], 'http://s3:7070');
    assert.equal(props['s3.aws-access-key'], '${ENV:LOCH_S3_ACCESS_KEY}');
    assert.equal(props['s3.aws-secret-key'], '${ENV:LOCH_S3_SECRET_KEY}');
    assert.equal(props['iceberg.nessie-catalog.default-warehouse-dir'], 's3://lake/warehouse');
    assert.equal(props['fs.native-local.enabled'], undefined);
  });

  test('Trino writes and reads an Iceberg table through S3, keys given as ${ENV:...}', async () => {
    // moto checks no signatures, so any variable set in the Trino process stands in for a key:
    // what this proves is that Trino resolves ${ENV:...} in a dynamic catalog's properties, the
    // way the kind platform passes the keys from its Secret (the statement, which Trino logs,
    // holds only the reference).
    const props = s3CatalogProperties({ access: '${ENV:HOME}', secret: '${ENV:HOME}' });
    await sql(createCatalogSql(catalog, props));
    created.push(catalog);
    await sql(`CREATE SCHEMA ${catalog}.${schema}`);
    await sql(
      `CREATE TABLE ${catalog}.${schema}.readings (sensor_id varchar, ts timestamp(6) with time zone, temperature double)`,
    );
    const inserted = await sql(
      `INSERT INTO ${catalog}.${schema}.readings VALUES
         ('sensor-01', TIMESTAMP '2026-01-01 00:00:00 UTC', 20.5),
         ('sensor-02', TIMESTAMP '2026-01-01 00:01:00 UTC', -3.25),
         ('sensor-03', TIMESTAMP '2026-01-01 00:02:00 UTC', 41.0)`,
    );
    assert.deepEqual(inserted.rows, [[3]]);
    const read = await sql(
      `SELECT sensor_id, CAST(ts AS varchar), temperature FROM ${catalog}.${schema}.readings ORDER BY sensor_id`,
    );
    assert.deepEqual(read.rows, [
      ['sensor-01', '2026-01-01 00:00:00.000000 UTC', 20.5],
      ['sensor-02', '2026-01-01 00:01:00.000000 UTC', -3.25],
      ['sensor-03', '2026-01-01 00:02:00.000000 UTC', 41],
    ]);
    const files = await sql(`SELECT file_path FROM ${catalog}.${schema}."readings$files"`);
    assert.equal(files.rows.length, 1);
    const path = String(files.rows[0]![0]);
    assert.match(path, new RegExp(`^s3://${bucket}/warehouse/${schema}/readings-[0-9a-f]+/data/`));
    // The bytes really are in the S3 server: the data file and the table's metadata.
    const keys = await listKeys(s3.endpoint, bucket, `warehouse/${schema}/`);
    assert.ok(keys.includes(path.slice(`s3://${bucket}/`.length)), keys.join('\n'));
    assert.ok(
      keys.some((k) => k.endsWith('.metadata.json')),
      `no metadata.json among ${keys.join(', ')}`,
    );
  });

  test('a key reference to a variable Trino does not have fails the CREATE CATALOG', async () => {
    const missing = `LOCH_UNSET_${uniqueName('key').toUpperCase()}`;
    const name = uniqueName('loch_s3_missing');
    created.push(name);
    const props = s3CatalogProperties({ access: `\${ENV:${missing}}`, secret: '${ENV:HOME}' });
    await assert.rejects(sql(createCatalogSql(name, props)), (e: unknown) => {
      assert.ok(e instanceof TrinoQueryError, String(e));
      assert.match(e.message, new RegExp(missing));
      return true;
    });
  });
});
