// A whole result as the bytes of an export file, produced batch by batch as the rows arrive so
// a large export is never held whole in memory. CSV and JSON are the bytes `loch query`
// writes (results/text-writers.ts); Arrow is an IPC file. Browser-safe: Parquet needs
// parquet-wasm's Node build, so a Node host supplies it as a connector encoder.
import { RecordBatchFileWriter, type RecordBatch, type Schema } from 'apache-arrow';
import type { ExportFormat } from '../results/messages';
import { csvWriter, jsonWriter } from '../results/text-writers';
import type { ExportEncoder } from './connector';

/** The file name extension and MIME type of each export format. */
export const EXPORT_FILE: Record<ExportFormat, { extension: string; mimeType: string }> = {
  csv: { extension: 'csv', mimeType: 'text/csv' },
  json: { extension: 'json', mimeType: 'application/json' },
  arrow: { extension: 'arrow', mimeType: 'application/vnd.apache.arrow.file' },
  parquet: { extension: 'parquet', mimeType: 'application/vnd.apache.parquet' },
};

/** CSV or JSON text, one chunk per batch; an empty result still gets its header (`schema`). */
export async function* textExportBytes(
  format: 'csv' | 'json',
  batches: AsyncIterable<RecordBatch>,
  schema: () => Schema | undefined,
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let pending = '';
  const writer = (format === 'csv' ? csvWriter : jsonWriter)((t) => (pending += t));
  const take = () => {
    const bytes = encoder.encode(pending);
    pending = '';
    return bytes;
  };
  let started = false;
  for await (const batch of batches) {
    if (!started) writer.start(batch.schema);
    started = true;
    writer.batch(batch);
    yield take();
  }
  if (!started) {
    const s = schema();
    if (s) writer.start(s);
  }
  writer.end();
  yield take();
}

/** An Arrow IPC file: the writer's bytes are read while the batches are still being written. */
export async function* arrowExportBytes(
  batches: AsyncIterable<RecordBatch>,
): AsyncGenerator<Uint8Array> {
  const writer = new RecordBatchFileWriter();
  let failure: { error: unknown } | undefined;
  const feeding = (async () => {
    try {
      for await (const batch of batches) writer.write(batch);
    } catch (error) {
      failure = { error };
    } finally {
      writer.finish();
      writer.close();
    }
  })();
  for await (const chunk of writer as AsyncIterable<Uint8Array>) yield chunk;
  await feeding;
  if (failure) throw failure.error;
}

/** The encoder of `format`: the core's own, else the host's, else undefined (not available). */
export function exportEncoder(
  format: ExportFormat,
  schema: () => Schema | undefined,
  hostEncoders: Partial<Record<ExportFormat, ExportEncoder>> = {},
): ExportEncoder | undefined {
  if (format === 'csv' || format === 'json')
    return (batches) => textExportBytes(format, batches, schema);
  if (format === 'arrow') return arrowExportBytes;
  return hostEncoders[format];
}
