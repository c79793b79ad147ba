// Record batches streamed as Arrow IPC as they arrive, read back whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Schema, type RecordBatch } from 'apache-arrow';
import { batchesToIpcStream, tableFromIpc } from '../../../shared/src/arrow/ipc';
import { PageDecoder } from '../../../shared/src/arrow/page-decoder';
import { batchRows } from '../../../shared/src/arrow/values';
import { parsePage, parsePageExact } from '../../../shared/src/trino/page-json';
import { loadRecording } from '../../fixtures/trino/replay';

async function* from(batches: RecordBatch[]) {
  for (const b of batches) yield b;
}

test('an IPC stream of batches reads back with every value and the Trino metadata', async () => {
  const bodies = loadRecording('types').exchanges.map((e) => e.body);
  const decoder = new PageDecoder(bodies.map(parsePage).find((p) => p.columns)!.columns!);
  const data = bodies.map(parsePageExact).find((p) => p.data)!.data!;
  const batches = [decoder.decode(data), decoder.decode(data)];
  const chunks: Uint8Array[] = [];
  for await (const c of batchesToIpcStream(decoder.schema, from(batches))) chunks.push(c);
  assert.ok(chunks.length >= 3, 'schema, one message per batch, end of stream');
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  const table = tableFromIpc(bytes);
  assert.equal(table.numRows, 2);
  assert.deepEqual([...batchRows(table.batches[1]!)], [...batchRows(batches[1]!)]);
  assert.equal(table.schema.fields[37]!.metadata.get('trino.type'), 'timestamp(6) with time zone');
});

test('an empty result still streams its schema', async () => {
  const schema = new PageDecoder(
    loadRecording('empty')
      .exchanges.map((e) => parsePage(e.body))
      .find((p) => p.columns)!.columns!,
  ).schema;
  const chunks: Uint8Array[] = [];
  for await (const c of batchesToIpcStream(schema, from([]))) chunks.push(c);
  const table = tableFromIpc(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  assert.equal(table.numRows, 0);
  assert.ok(table.schema instanceof Schema);
  assert.deepEqual(
    table.schema.fields.map((f) => f.name),
    ['nationkey', 'name', 'regionkey', 'comment'],
  );
});
