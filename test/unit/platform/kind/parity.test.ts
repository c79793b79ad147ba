// The kind ConfigMaps are rendered from the same templates as local mode: the committed
// rendered/ files equal a fresh render, and the ConfigMaps kustomize builds carry exactly
// those bytes. (test/integration/platform-kind/parity.test.ts compares them with the files
// the running local platform uses.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  renderKindConfig,
  staleRenderedFiles,
  workerConfig,
} from '../../../../shared/src/platform/kind/rendered-config';
import { build, root } from './builds';

/** ConfigMap name (before kustomize's hash suffix) -> the rendered file behind each key. */
const CONFIG_MAPS: Record<string, Record<string, string>> = {
  'trino-etc': {
    'jvm.config': 'trino/jvm.config',
    'node.properties': 'trino/node.properties',
    'log.properties': 'trino/log.properties',
  },
  'trino-coordinator-config': { 'config.properties': 'trino/coordinator/config.properties' },
  'trino-worker-config': { 'config.properties': 'trino/worker/config.properties' },
  'trino-catalog': {
    'lake.properties': 'trino/catalog/lake.properties',
    'tpch.properties': 'trino/catalog/tpch.properties',
  },
  'nessie-config': { 'application.properties': 'nessie/application.properties' },
};

describe('kind config parity', () => {
  test('platform-manifests/base/rendered/ is what config/ renders to (re-render if not)', () => {
    assert.deepEqual(staleRenderedFiles(root), []);
  });

  test('the built ConfigMaps hold the rendered files byte for byte, and nothing else', async () => {
    const objects = await build('.');
    const rendered = renderKindConfig(root);
    const built = objects.filter((o) => o.kind === 'ConfigMap');
    assert.deepEqual(
      built.map((c) => c.metadata.name.replace(/-[a-z0-9]{10}$/, '')).sort(),
      Object.keys(CONFIG_MAPS).sort(),
    );
    for (const [name, files] of Object.entries(CONFIG_MAPS)) {
      const cm = built.find((c) => c.metadata.name.replace(/-[a-z0-9]{10}$/, '') === name)!;
      const data = cm.data as Record<string, string>;
      assert.deepEqual(Object.keys(data).sort(), Object.keys(files).sort(), name);
      for (const [key, file] of Object.entries(files)) {
        assert.equal(data[key], rendered.get(file), `${name}/${key}`);
      }
    }
  });

  test('the lake catalog on kind: Nessie in the cluster, the warehouse on S3', () => {
    const lake = renderKindConfig(root).get('trino/catalog/lake.properties')!;
    assert.equal(
      lake,
      [
        'connector.name=iceberg',
        'iceberg.catalog.type=nessie',
        'iceberg.nessie-catalog.uri=http://nessie:19120/api/v2',
        'iceberg.nessie-catalog.ref=main',
        'iceberg.nessie-catalog.default-warehouse-dir=s3://lake/warehouse',
        'iceberg.file-format=PARQUET',
        'fs.native-s3.enabled=true',
        's3.endpoint=http://s3:7070',
        's3.region=us-east-1',
        's3.path-style-access=true',
        's3.aws-access-key=${ENV:LOCH_S3_ACCESS_KEY}',
        's3.aws-secret-key=${ENV:LOCH_S3_SECRET_KEY}',
        '',
      ].join('\n'),
    );
  });

  test('a worker differs from the coordinator in exactly the coordinator lines', () => {
    const rendered = renderKindConfig(root);
    const coordinator = rendered.get('trino/coordinator/config.properties')!.split('\n');
    const worker = rendered.get('trino/worker/config.properties')!.split('\n');
    assert.deepEqual(
      coordinator.filter((l) => !worker.includes(l)),
      ['coordinator=true', 'node-scheduler.include-coordinator=false'],
    );
    assert.deepEqual(
      worker.filter((l) => !coordinator.includes(l)),
      ['coordinator=false'],
    );
    assert.ok(worker.includes('catalog.management=dynamic'));
    assert.throws(() => workerConfig('http-server.http.port=8080\n'), /no `coordinator=true`/);
  });
});
