// (Node only) Export of a FULL result, streamed to a file as its batches arrive, never held
// whole in memory: CSV, Parquet (parquet-wasm, Arrow's Rust writer compiled to wasm), Arrow IPC
// file, JSON. CSV and JSON are the bytes `loch query` writes (results/text-writers.ts). Hosts
// call exportResult (a running query) or exportQuery (SQL) when the viewer asks for an export.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  RecordBatchFileWriter,
  Table,
  tableToIPC,
  type RecordBatch,
  type Schema,
} from 'apache-arrow';
import * as parquet from 'parquet-wasm/node';
import { LochError } from '../../errors';
import type { TrinoClient } from '../../trino/client';
import { csvWriter, jsonWriter, writeResult, type BatchSource } from '../text-writers';
import type { ExportFormat } from '../messages';

export interface ExportResult {
  rows: number;
  path: string;
}

export class ExportError extends LochError {
  override readonly name = 'ExportError';
  readonly code = 'export-failed';
}

/** Runs `sql` and streams every row of its result to `path`. */
export async function exportQuery(
  client: TrinoClient,
  sql: string,
  format: ExportFormat,
  path: string,
  signal?: AbortSignal,
): Promise<ExportResult> {
  return exportResult(client.query(sql, { signal }), format, path, signal);
}

/** What exportResult reads: a running query's batches as they arrive, and its schema. */
export interface RunningResult extends BatchSource {
  batches(): AsyncIterable<RecordBatch>;
  readonly schema: Promise<Schema>;
}

/** Streams a running query's result (its batches as they arrive) to `path`. */
export async function exportResult(
  source: RunningResult,
  format: ExportFormat,
  path: string,
  signal?: AbortSignal,
): Promise<ExportResult> {
  switch (format) {
    case 'csv':
    case 'json':
      return writeText(source, format, path, signal);
    case 'arrow':
      return writeArrow(source.batches(), path, signal);
    case 'parquet':
      return writeParquet(source.batches(), path, signal);
  }
}

async function writeText(
  source: BatchSource,
  format: 'csv' | 'json',
  path: string,
  signal?: AbortSignal,
): Promise<ExportResult> {
  const out = createWriteStream(path);
  // A file error (no such folder, no permission, disk full) stops the export with that error:
  // without this the wait for 'drain' below would never end and the error would go uncaught.
  const stop = new AbortController();
  let fileError: Error | undefined;
  out.on('error', (e) => {
    fileError ??= e;
    stop.abort(e);
  });
  const onAbort = () => stop.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  // The writer produces each batch's text at once; it goes out before the next batch is read,
  // waiting for the file stream to drain, so a large export is never held whole in memory.
  let pending = '';
  const writer = (format === 'csv' ? csvWriter : jsonWriter)((t) => (pending += t));
  const drain = async () => {
    stop.signal.throwIfAborted();
    const text = pending;
    pending = '';
    if (text && !out.write(text)) await once(out, 'drain', { signal: stop.signal });
  };
  try {
    const rows = await writeResult(source, writer, drain, stop.signal);
    await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
    return { rows, path };
  } catch (e) {
    out.destroy();
    throw fileError ?? e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

async function writeArrow(
  batches: AsyncIterable<RecordBatch>,
  path: string,
  signal?: AbortSignal,
): Promise<ExportResult> {
  const writer = new RecordBatchFileWriter();
  const done = pipeline(
    Readable.from(writer as AsyncIterable<Uint8Array>),
    createWriteStream(path),
  );
  let rows = 0;
  try {
    for await (const batch of batches) {
      signal?.throwIfAborted();
      writer.write(batch);
      rows += batch.numRows;
    }
  } finally {
    writer.finish();
    writer.close();
  }
  await done;
  return { rows, path };
}

async function writeParquet(
  batches: AsyncIterable<RecordBatch>,
  path: string,
  signal?: AbortSignal,
): Promise<ExportResult> {
  let rows = 0;
  async function* counted(): AsyncGenerator<RecordBatch> {
    for await (const b of batches) {
      signal?.throwIfAborted();
      rows += b.numRows;
      yield b;
    }
  }
  await pipeline(Readable.from(parquetExportBytes(counted())), createWriteStream(path));
  return { rows, path };
}

/**
 * A Parquet file's bytes, written as row groups while the batches arrive (the viewer backend's
 * Parquet encoder in Node hosts). Each Arrow JS batch crosses into wasm as IPC bytes.
 */
export async function* parquetExportBytes(
  batches: AsyncIterable<RecordBatch>,
): AsyncGenerator<Uint8Array> {
  const it = batches[Symbol.asyncIterator]();
  let rows = 0;
  const source = new ReadableStream({
    async pull(ctrl) {
      try {
        const next = await it.next();
        if (next.done) {
          ctrl.close();
          return;
        }
        rows += next.value.numRows;
        const wasmTable = parquet.Table.fromIPCStream(
          tableToIPC(new Table([next.value]), 'stream'),
        );
        for (const b of wasmTable.recordBatches()) ctrl.enqueue(b);
      } catch (e) {
        ctrl.error(e);
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
  const bytes = await parquet.transformParquetStream(source);
  yield* bytes as unknown as AsyncIterable<Uint8Array>;
  if (rows === 0) throw new ExportError('the result has no rows: Parquet needs at least one batch');
}
