import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import {
  lakeCatalogProperties,
  parseProperties,
  readModeValues,
  renderTemplate,
  renderTrinoEtc,
} from '../../../shared/src/platform/config';

const resources = resolve(import.meta.dirname, '../../..');
const local = {
  ...readModeValues(resources, 'local'),
  'trino.port': '18080',
  'trino.discovery-uri': 'http://127.0.0.1:18080',
  'trino.data-dir': '/s/trino/data',
  'nessie.host': '127.0.0.1',
  'nessie.port': '19120',
  'nessie.api-uri': 'http://127.0.0.1:19120/api/v2',
  'nessie.rocks-path': '/s/nessie/rocksdb',
  'lake.local-root': '/s/lake',
};

test('a placeholder without a value is an error naming the file', () => {
  assert.throws(
    () => renderTemplate('a=${b.c}', {}, 'x.properties'),
    /x\.properties: no value for \$\{b\.c\}/,
  );
});

test('local mode renders Trino with dynamic catalogs, lake on Nessie over the local file system, and tpch', () => {
  const etc = renderTrinoEtc(resources, local);
  assert.deepEqual([...etc.keys()].sort(), [
    'catalog/lake.properties',
    'catalog/tpch.properties',
    'config.properties',
    'jvm.config',
    'log.properties',
    'node.properties',
  ]);
  const config = parseProperties(etc.get('config.properties')!);
  assert.equal(config['catalog.management'], 'dynamic');
  assert.equal(config['http-server.http.port'], '18080');
  assert.match(etc.get('jvm.config')!, /^--add-modules=jdk\.incubator\.vector$/m);
  assert.match(etc.get('jvm.config')!, /^-Xmx4G$/m);
  assert.deepEqual(parseProperties(etc.get('catalog/lake.properties')!), {
    'connector.name': 'iceberg',
    'iceberg.catalog.type': 'nessie',
    'iceberg.nessie-catalog.uri': 'http://127.0.0.1:19120/api/v2',
    'iceberg.nessie-catalog.ref': 'main',
    'iceberg.nessie-catalog.default-warehouse-dir': 'local:///warehouse',
    'iceberg.file-format': 'PARQUET',
    'fs.native-local.enabled': 'true',
    'local.location': '/s/lake',
  });
  assert.equal(parseProperties(etc.get('catalog/tpch.properties')!)['connector.name'], 'tpch');
  const node = parseProperties(etc.get('node.properties')!);
  assert.equal(node['node.bind-ip'], '127.0.0.1');
  assert.equal(node['node.internal-address'], '127.0.0.1');
});

test('per-ref catalogs get the lake properties without connector.name', () => {
  const props = lakeCatalogProperties(resources, local);
  assert.equal(props['connector.name'], undefined);
  assert.equal(props['iceberg.catalog.type'], 'nessie');
});
