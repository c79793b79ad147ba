import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyOrder, parseManifests } from '../../../../shared/src/platform/kind/manifests';
import { PlatformError } from '../../../../shared/src/platform/errors';

describe('parseManifests and applyOrder', () => {
  test('namespaces first, then the rest in kustomize order', () => {
    const objects = parseManifests(
      [
        'apiVersion: v1\nkind: Service\nmetadata: {name: trino, namespace: loch}',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: s3, namespace: loch}',
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: loch}',
        '',
      ].join('\n---\n'),
      'test',
    );
    assert.deepEqual(
      applyOrder(objects).map((o) => `${o.kind}/${o.metadata.name}`),
      ['Namespace/loch', 'Service/trino', 'Deployment/s3'],
    );
  });

  test('an object without a name is refused with one line', () => {
    assert.throws(
      () => parseManifests('apiVersion: v1\nkind: Service\nmetadata: {}\n', 'x.yaml'),
      (e: unknown) => e instanceof PlatformError && e.code === 'bad-manifests',
    );
  });
});
