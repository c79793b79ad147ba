// Arrow batches built directly from typed arrays (fast enough to stream 10M rows): the
// results a real query would stream, with known values at every row for assertions.
import {
  Field,
  Float64,
  Int32,
  RecordBatch,
  Schema,
  Struct,
  Utf8,
  makeData,
  tableToIPC,
  Table,
} from 'apache-arrow';

export const SYNTHETIC_SCHEMA = new Schema([
  new Field('id', new Int32(), false),
  new Field('value', new Float64(), true),
  new Field('label', new Utf8(), true),
]);

/** value(i) = ((i * 7919) % 1000003) / 100, NULL every 1000th row; label(i) = `label-<i % 1000>`, the string "NULL" at i % 1000 == 999. */
export function syntheticValue(i: number): number | null {
  return i % 1000 === 500 ? null : ((i * 7919) % 1000003) / 100;
}
export function syntheticLabel(i: number): string {
  return i % 1000 === 999 ? 'NULL' : `label-${i % 1000}`;
}

export function syntheticBatch(start: number, rows: number): RecordBatch {
  const ids = new Int32Array(rows);
  const values = new Float64Array(rows);
  const validity = new Uint8Array(Math.ceil(rows / 8)).fill(0xff);
  const enc = new TextEncoder();
  const labels = Array.from({ length: 1000 }, (_, k) => enc.encode(syntheticLabel(k)));
  let bytes = 0;
  for (let r = 0; r < rows; r++) bytes += labels[(start + r) % 1000]!.length;
  const offsets = new Int32Array(rows + 1);
  const data = new Uint8Array(bytes);
  let at = 0;
  let nulls = 0;
  for (let r = 0; r < rows; r++) {
    const i = start + r;
    ids[r] = i;
    const v = syntheticValue(i);
    if (v === null) {
      validity[r >> 3]! &= ~(1 << (r & 7));
      nulls++;
    } else values[r] = v;
    const l = labels[i % 1000]!;
    data.set(l, at);
    at += l.length;
    offsets[r + 1] = at;
  }
  const children = [
    makeData({ type: new Int32(), length: rows, data: ids }),
    makeData({
      type: new Float64(),
      length: rows,
      data: values,
      nullBitmap: validity,
      nullCount: nulls,
    }),
    makeData({ type: new Utf8(), length: rows, valueOffsets: offsets, data }),
  ];
  const struct = makeData({
    type: new Struct(SYNTHETIC_SCHEMA.fields),
    length: rows,
    children,
  });
  return new RecordBatch(SYNTHETIC_SCHEMA, struct);
}

export function ipcOf(batch: RecordBatch): Uint8Array {
  return tableToIPC(new Table([batch]), 'stream');
}
