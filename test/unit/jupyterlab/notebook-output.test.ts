import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import {
  ARROW_MIME,
  cappedIpc,
  compactPrefix,
  resultOutput,
} from '../../../jupyterlab-plugin/src/results/notebook-output';
import { base64ToBytes, bytesToBase64 } from '../../../shared/src/text/base64';

const table = tableFromArrays({
  id: Int32Array.from({ length: 1000 }, (_v, i) => i),
  name: Array.from({ length: 1000 }, (_v, i) => `row ${i} <b>&amp;</b>`),
});

test('an IPC stream under the cap is kept whole', () => {
  const whole = tableToIPC(table, 'stream');
  const r = cappedIpc(table, whole.byteLength);
  assert.equal(r.rows, 1000);
  assert.deepEqual(r.bytes, whole);
});

test('over the cap, the largest prefix of whole rows that fits is kept', () => {
  const cap = 4000;
  const r = cappedIpc(table, cap);
  assert.ok(r.bytes.byteLength <= cap);
  assert.ok(r.rows > 0 && r.rows < 1000);
  assert.ok(tableToIPC(compactPrefix(table, r.rows + 1), 'stream').byteLength > cap);
  const back = tableFromIPC(r.bytes);
  assert.equal(back.numRows, r.rows);
  assert.equal(back.getChild('name')!.get(r.rows - 1), `row ${r.rows - 1} <b>&amp;</b>`);
});

test("a prefix is saved in its own buffers, not its parent column's", () => {
  const one = tableToIPC(compactPrefix(table, 1), 'stream').byteLength;
  assert.ok(one < 1000, `1 row takes ${one} bytes`);
  assert.deepEqual(
    compactPrefix(table, 2)
      .toArray()
      .map((r) => r.toJSON()),
    [
      { id: 0, name: 'row 0 <b>&amp;</b>' },
      { id: 1, name: 'row 1 <b>&amp;</b>' },
    ],
  );
});

test('a cap below the schema keeps the schema and no rows', () => {
  const r = cappedIpc(table, 1);
  assert.equal(r.rows, 0);
  assert.deepEqual(
    tableFromIPC(r.bytes).schema.fields.map((f) => f.name),
    ['id', 'name'],
  );
});

test('base64 round-trips every byte value', () => {
  const bytes = Uint8Array.from({ length: 70_000 }, (_v, i) => (i * 7) % 256);
  assert.deepEqual(base64ToBytes(bytesToBase64(bytes)), bytes);
});

test('the notebook output records the ref hash, snapshot ids and the rows kept', () => {
  const out = resultOutput(
    table,
    {
      sql: 'SELECT * FROM demo.t',
      ref: 'etl',
      catalog: 'loch_ref_etl_0123456789abcdef',
      queryId: '20261121_000000_00000_aaaaa',
      executedAt: '2026-11-21T00:00:00.000Z',
      pin: {
        ref: 'etl',
        hash: 'a'.repeat(64),
        tables: [
          { key: 'demo.t', snapshotId: '42', metadataLocation: 'local:///m.json', contentId: 'c' },
        ],
        pinnedAt: '2026-11-21T00:00:00.000Z',
      },
    },
    4000,
  );
  const info = out.metadata[ARROW_MIME]!.loch;
  assert.equal(info.totalRows, 1000);
  assert.equal(info.refHash, 'a'.repeat(64));
  assert.deepEqual(info.snapshots, { 'demo.t': '42' });
  assert.equal(tableFromIPC(base64ToBytes(out.data[ARROW_MIME]!)).numRows, info.savedRows);
  assert.equal(
    out.data['text/plain'],
    `1000 rows × 2 columns (${info.savedRows} kept in the notebook)`,
  );
});
