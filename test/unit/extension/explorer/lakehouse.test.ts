// Names the Lakehouse view builds for Trino from Nessie's table entries.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { qualified, trinoSchema } from '../../../../extension/src/explorer/lakehouse';

test('a Nessie namespace is one Trino schema, however many levels it has', () => {
  const nested = { namespace: ['sales', 'eu'], name: 'orders' };
  assert.equal(trinoSchema(nested), 'sales.eu');
  assert.equal(qualified('lake', nested), '"lake"."sales.eu"."orders"');
  assert.equal(
    qualified('lake', { namespace: ['demo'], name: 'orders' }),
    '"lake"."demo"."orders"',
  );
});

test('names from the lake are quoted, embedded quotes doubled', () => {
  assert.equal(
    qualified('loch_ref_x', { namespace: ['we"ird'], name: 'a b' }),
    '"loch_ref_x"."we""ird"."a b"',
  );
});
