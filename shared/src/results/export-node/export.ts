// (Node only) Export of a FULL result, streamed to a file as its batches arrive, never held
// whole in memory: CSV, Parquet (parquet-wasm, Arrow's Rust writer compiled to wasm), Arrow IPC
// file, JSON. Hosts call exportQuery when the viewer sends an `export` message.
import { createWriteStream, type WriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DataType,
  RecordBatchFileWriter,
  Table,
  tableToIPC,
  type RecordBatch,
  type Schema,
} from 'apache-arrow';
import * as parquet from 'parquet-wasm/node';
import type { TrinoClient } from '../../trino/client';
import { csvField } from '../copy';
import { cellValue, columnFormat, type ColumnFormat } from '../format';
import type { ExportFormat } from '../messages';

export interface ExportResult {
  rows: number;
  path: string;
}

export class ExportError extends Error {
  override readonly name = 'ExportError';
}

/** Runs `sql` and streams every row of its result to `path`. */
export async function exportQuery(
  client: TrinoClient,
  sql: string,
  format: ExportFormat,
  path: string,
  signal?: AbortSignal,
): Promise<ExportResult> {
  const query = client.query(sql, { signal });
  return exportBatches(query.batches(), format, path, signal);
}

export async function exportBatches(
  batches: AsyncIterable<RecordBatch>,
  format: ExportFormat,
  path: string,
  signal?: AbortSignal,
): Promise<ExportResult> {
  switch (format) {
    case 'csv':
    case 'json':
      return writeText(batches, format, path, signal);
    case 'arrow':
      return writeArrow(batches, path, signal);
    case 'parquet':
      return writeParquet(batches, path, signal);
  }
}

async function write(out: WriteStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((res) => out.once('drain', () => res()));
}

// JSON keeps numbers as numbers where exact (int64 beyond 2^53 and decimals become strings so
// no digit is lost) and everything else as the grid shows it.
function jsonValue(type: DataType, fmt: ColumnFormat, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') {
    return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : String(v);
  }
  if (DataType.isFloat(type)) return Number.isFinite(v) ? v : String(v);
  if (DataType.isInt(type) || DataType.isBool(type)) return v;
  return fmt.format(v);
}

async function writeText(
  batches: AsyncIterable<RecordBatch>,
  format: 'csv' | 'json',
  path: string,
  signal?: AbortSignal,
): Promise<ExportResult> {
  const out = createWriteStream(path);
  let rows = 0;
  let schema: Schema | undefined;
  let formats: ColumnFormat[] = [];
  try {
    if (format === 'json') await write(out, '[');
    for await (const batch of batches) {
      signal?.throwIfAborted();
      if (!schema) {
        schema = batch.schema;
        formats = schema.fields.map((f) => columnFormat(f));
        if (format === 'csv')
          await write(out, `${schema.fields.map((f) => csvField(f.name)).join(',')}\r\n`);
      }
      const fields = schema.fields;
      const columns = fields.map((_f, c) => batch.getChildAt(c)!);
      let chunk = '';
      for (let r = 0; r < batch.numRows; r++) {
        if (format === 'csv') {
          const cells: string[] = [];
          for (let c = 0; c < fields.length; c++) {
            const v = cellValue(columns[c]!, r);
            cells.push(csvField(v === null ? null : formats[c]!.format(v)));
          }
          chunk += `${cells.join(',')}\r\n`;
        } else {
          const obj: Record<string, unknown> = {};
          for (let c = 0; c < fields.length; c++) {
            obj[fields[c]!.name] = jsonValue(
              fields[c]!.type,
              formats[c]!,
              cellValue(columns[c]!, r),
            );
          }
          chunk += `${rows + r === 0 ? '\n' : ',\n'}${JSON.stringify(obj)}`;
        }
        if (chunk.length > 1 << 20) {
          await write(out, chunk);
          chunk = '';
        }
      }
      rows += batch.numRows;
      await write(out, chunk);
    }
    if (format === 'json') await write(out, '\n]\n');
  } finally {
    await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  }
  return { rows, path };
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
  const it = batches[Symbol.asyncIterator]();
  let rows = 0;
  // Each Arrow JS batch crosses into wasm as IPC bytes; parquet-wasm writes row groups as
  // batches arrive and hands back the file's bytes as a stream.
  const source = new ReadableStream({
    async pull(ctrl) {
      try {
        signal?.throwIfAborted();
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
  });
  const bytes = await parquet.transformParquetStream(source);
  await pipeline(
    Readable.fromWeb(bytes as import('node:stream/web').ReadableStream<Uint8Array>),
    createWriteStream(path),
  );
  if (rows === 0) throw new ExportError('the result has no rows: Parquet needs at least one batch');
  return { rows, path };
}
