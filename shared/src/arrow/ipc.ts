// Arrow IPC in and out: the file format for `loch query --format arrow` and exports, the stream
// format for sending results to a viewer as they arrive. Field metadata (the Trino types) travels
// with the schema.
import {
  RecordBatchStreamWriter,
  tableFromIPC,
  tableToIPC,
  type RecordBatch,
  type Schema,
  type Table,
} from 'apache-arrow';

export type IpcFormat = 'file' | 'stream';

/** A whole table as IPC bytes. */
export function tableToIpc(table: Table, format: IpcFormat = 'file'): Uint8Array {
  return tableToIPC(table, format);
}

/**
 * IPC bytes as the ArrayBuffer the viewer's messages carry: the bytes' own buffer when they fill
 * it (tableToIPC's output does), a copy of just the bytes otherwise.
 */
export function ipcArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (
    whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  ) as ArrayBuffer;
}

/** A table from IPC bytes (file or stream format, told apart by the file magic). */
export function tableFromIpc(bytes: Uint8Array | ArrayBuffer): Table {
  return tableFromIPC(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
}

/**
 * Record batches as an IPC stream, chunk by chunk as they arrive: the schema message first, then
 * each batch's messages, then the end-of-stream marker. An empty result still yields its schema.
 * Chunks come from the writer's own queue, each once (its `toUint8Array` re-joins everything).
 */
export async function* batchesToIpcStream(
  schema: Schema,
  batches: AsyncIterable<RecordBatch>,
): AsyncGenerator<Uint8Array, void, undefined> {
  const writer = new RecordBatchStreamWriter();
  const pump = (async () => {
    try {
      writer.reset(undefined, schema);
      for await (const batch of batches) writer.write(batch);
      await writer.close();
    } catch (e) {
      await writer.abort(e);
    }
  })();
  for await (const chunk of writer) yield chunk;
  await pump;
}
