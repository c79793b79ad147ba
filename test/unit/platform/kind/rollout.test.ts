// Rollout readiness by `kubectl rollout status` rules. The objects are in the shape the API
// server returns (status fields as documented for apps/v1 and batch/v1); no cluster runs here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../../../../shared/src/platform/kind/manifests';
import { rolloutState } from '../../../../shared/src/platform/kind/rollout';

const deployment = (generation: number, spec: object, status: object): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'trino-worker', namespace: 'loch', generation },
  spec,
  status,
});

describe('rolloutState', () => {
  test('a fresh Deployment the controller has not seen is not ready', () => {
    assert.deepEqual(rolloutState(deployment(1, { replicas: 2 }, {})), {
      name: 'Deployment/trino-worker',
      ready: false,
      detail: 'waiting for the controller',
    });
  });

  test('ready only when every replica is updated and ready, and old ones are gone', () => {
    const at = (status: object) => rolloutState(deployment(2, { replicas: 2 }, status));
    const base = { observedGeneration: 2 };
    assert.deepEqual(at({ ...base, replicas: 2, readyReplicas: 1, updatedReplicas: 2 }), {
      name: 'Deployment/trino-worker',
      ready: false,
      detail: '1/2 ready',
    });
    assert.equal(at({ ...base, replicas: 3, readyReplicas: 2, updatedReplicas: 2 }).ready, false);
    assert.equal(at({ ...base, replicas: 2, readyReplicas: 2, updatedReplicas: 1 }).ready, false);
    assert.deepEqual(at({ ...base, replicas: 2, readyReplicas: 2, updatedReplicas: 2 }), {
      name: 'Deployment/trino-worker',
      ready: true,
      detail: '2/2 ready',
    });
  });

  test('a Job is ready when it succeeded and failed when out of retries', () => {
    const job = (status: object): KubeObject => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 's3-bucket', generation: 1 },
      status,
    });
    assert.deepEqual(rolloutState(job({ active: 1 })), {
      name: 'Job/s3-bucket',
      ready: false,
      detail: 'running',
    });
    assert.deepEqual(rolloutState(job({ succeeded: 1 })), {
      name: 'Job/s3-bucket',
      ready: true,
      detail: 'complete',
    });
    assert.deepEqual(
      rolloutState(
        job({
          failed: 21,
          conditions: [
            {
              type: 'Failed',
              status: 'True',
              message: 'Job has reached the specified backoff limit',
            },
          ],
        }),
      ),
      {
        name: 'Job/s3-bucket',
        ready: false,
        failed: true,
        detail: 'Job has reached the specified backoff limit',
      },
    );
  });
});
