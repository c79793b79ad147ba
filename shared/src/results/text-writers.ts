// CSV and JSON of a result, written batch by batch as the batches arrive. One encoding for
// every surface: `loch query --format csv|json`, and the viewer's exports in VS Code (streamed
// to a file) and in JupyterLab (a browser download), so the same query gives the same bytes.
import type { RecordBatch, Schema } from 'apache-arrow';
import { batchRows } from '../arrow/values';
import { cellText, jsonValue } from './cell-text';
import { csvField } from './copy';

export interface ResultWriter {
  /** Called once with the schema, before any batch. */
  start(schema: Schema): void;
  batch(batch: RecordBatch): void;
  end(): void;
}

/** RFC 4180: CRLF line ends; a field with a comma, quote or line break is quoted. NULL is empty. */
export function csvWriter(write: (text: string) => void): ResultWriter {
  return {
    start(schema) {
      write(`${schema.fields.map((f) => csvField(f.name)).join(',')}\r\n`);
    },
    batch(batch) {
      let out = '';
      for (const row of batchRows(batch))
        out += `${row.map((v) => csvField(cellText(v))).join(',')}\r\n`;
      write(out);
    },
    end() {},
  };
}

/** A JSON array of row objects, streamed one batch at a time. */
export function jsonWriter(write: (text: string) => void): ResultWriter {
  let first = true;
  let schema: Schema;
  return {
    start(s) {
      schema = s;
      write('[');
    },
    batch(batch) {
      const fields = schema.fields;
      let out = '';
      for (const row of batchRows(batch)) {
        // fromEntries: a column named `__proto__` is a key like any other.
        const obj = Object.fromEntries(fields.map((f, c) => [f.name, jsonValue(row[c]!, f.type)]));
        out += `${first ? '\n' : ',\n'}${JSON.stringify(obj)}`;
        first = false;
      }
      write(out);
    },
    end() {
      write(first ? ']\n' : '\n]\n');
    },
  };
}

/** The part of a running query (or a finished table) a writer reads. */
export interface BatchSource {
  batches(): AsyncIterable<RecordBatch> | Iterable<RecordBatch>;
  /** Known even when no batch comes: an empty result still gets its header. */
  readonly schema: Promise<Schema> | Schema;
}

/**
 * Feeds every batch of `source` to `writer`, then ends it; returns the row count. `afterBatch`
 * lets a caller drain what the writer produced (a file stream's back-pressure) before the next.
 */
export async function writeResult(
  source: BatchSource,
  writer: ResultWriter,
  afterBatch: () => Promise<void> = () => Promise.resolve(),
  signal?: AbortSignal,
): Promise<number> {
  let rows = 0;
  let started = false;
  for await (const batch of source.batches()) {
    signal?.throwIfAborted();
    if (!started) writer.start(batch.schema);
    started = true;
    writer.batch(batch);
    rows += batch.numRows;
    await afterBatch();
  }
  if (!started) writer.start(await source.schema);
  writer.end();
  await afterBatch();
  return rows;
}
