// Loch applies only to the kind cluster it created, unless told otherwise.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PlatformError } from '../../../../shared/src/platform/errors';
import type { KindRecord } from '../../../../shared/src/platform/kind/record';
import { chooseTarget } from '../../../../shared/src/platform/kind/target';

const record = (over: Partial<KindRecord> = {}): KindRecord => ({
  mode: 'kind',
  phase: 'running',
  cluster: 'loch',
  context: 'kind-loch',
  createdByLoch: true,
  namespace: 'loch',
  startedAt: '2026-11-21T00:00:00.000Z',
  ...over,
});

const refused = (code: string, message: RegExp) => (e: unknown) =>
  e instanceof PlatformError && e.code === code && message.test(e.message);

describe('chooseTarget', () => {
  test('no cluster yet: create kind-loch', () => {
    assert.deepEqual(chooseTarget({ kindClusters: ['other'] }), {
      action: 'create',
      cluster: 'loch',
      context: 'kind-loch',
    });
  });

  test('the cluster Loch created: reuse it', () => {
    assert.deepEqual(chooseTarget({ kindClusters: ['loch'], record: record() }), {
      action: 'reuse',
      cluster: 'loch',
      context: 'kind-loch',
      createdByLoch: true,
    });
  });

  test('a kind cluster named loch that Loch did not create: refused, then allowed', () => {
    assert.throws(
      () => chooseTarget({ kindClusters: ['loch'] }),
      refused('foreign-context', /exists that Loch did not create/),
    );
    assert.throws(
      () => chooseTarget({ kindClusters: ['loch'], record: record({ createdByLoch: false }) }),
      refused('foreign-context', /did not create/),
    );
    // Allowed, but still not Loch's: `loch down` must then leave it alone.
    assert.deepEqual(chooseTarget({ kindClusters: ['loch'], allowForeignContext: true }), {
      action: 'reuse',
      cluster: 'loch',
      context: 'kind-loch',
      createdByLoch: false,
    });
  });

  test('any other context: refused unless allowed explicitly', () => {
    assert.throws(
      () => chooseTarget({ context: 'prod-eu', kindClusters: [], record: record() }),
      refused('foreign-context', /kube context prod-eu was not created by Loch/),
    );
    assert.deepEqual(
      chooseTarget({ context: 'prod-eu', kindClusters: [], allowForeignContext: true }),
      { action: 'foreign', context: 'prod-eu' },
    );
  });

  test('naming Loch’s own context is the same as naming none', () => {
    assert.deepEqual(chooseTarget({ context: 'kind-loch', kindClusters: [] }).action, 'create');
  });
});
