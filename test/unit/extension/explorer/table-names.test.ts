// Names the Lakehouse view builds for Trino from the listing's table entries.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { qualified, trinoSchema } from '../../../../extension/src/explorer/table-names';

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

test('a name the core refuses is a one-line error, not SQL', () => {
  assert.throws(() => qualified('lake', { namespace: ['demo'], name: 'a\u0000b' }), {
    name: 'UnsafeSqlInputError',
    message: 'name "a\\u0000b" contains control characters',
  });
  assert.throws(() => qualified('lake', { namespace: [], name: 'orders' }), {
    name: 'UnsafeSqlInputError',
    message: 'empty name',
  });
});
