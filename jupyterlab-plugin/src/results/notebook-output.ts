// How a SQL result is kept in a notebook: an nbformat display_data output whose
// `application/vnd.apache.arrow.stream` is the Arrow IPC stream (base64, as nbformat stores
// binary data), cut to whole rows under a byte cap so notebooks stay small; plus what the
// result was read from (ref, commit hash, snapshot ids) for reproducibility.
import {
  makeData,
  RecordBatch,
  Struct,
  Table,
  tableToIPC,
  vectorFromArray,
  type Data,
} from 'apache-arrow';
import { pinSnapshots, type ResultPin, bytesToBase64 } from '@loch/core';

export const ARROW_MIME = 'application/vnd.apache.arrow.stream';

/** Metadata kept beside the Arrow data, under `metadata[ARROW_MIME].loch`. */
export interface SavedResultInfo {
  sql: string;
  ref: string;
  catalog: string;
  queryId: string;
  /** False when the query was stopped at the `maxRows` setting (more rows exist). */
  complete?: boolean;
  /** Rows the query returned, and rows kept in the notebook (fewer when capped). */
  totalRows: number;
  savedRows: number;
  /** The Nessie commit hash of `ref` and the Iceberg snapshot of each table read. */
  refHash?: string;
  snapshots?: Record<string, string>;
  executedAt: string;
}

export interface CappedIpc {
  bytes: Uint8Array;
  rows: number;
}

/**
 * The first `rows` rows of `table` in fresh buffers. Arrow JS serializes a slice with its
 * parent's whole buffers (a 0-row slice of a large string column is as big as the column), so
 * the prefix is rebuilt before it is measured and saved.
 */
export function compactPrefix(table: Table, rows: number): Table {
  const sliced = table.slice(0, rows);
  const children: Data[] = [];
  for (const [i, f] of table.schema.fields.entries()) {
    const v = vectorFromArray([...sliced.getChildAt(i)!], f.type);
    if (v.data.length !== 1) return sliced; // not expected from one builder pass; stay correct
    children.push(v.data[0]!);
  }
  const data = makeData({
    type: new Struct(table.schema.fields),
    length: rows,
    nullCount: 0,
    children,
  });
  return new Table([new RecordBatch(table.schema, data)]);
}

/**
 * The largest prefix of `table` whose IPC stream fits in `maxBytes` (at least the schema, so
 * a reopened notebook still shows the columns). Binary search over row counts: IPC size grows
 * with rows but not exactly linearly (validity bitmaps, padding), so it is measured.
 */
export function cappedIpc(table: Table, maxBytes: number): CappedIpc {
  const whole = tableToIPC(table, 'stream');
  if (whole.byteLength <= maxBytes) return { bytes: whole, rows: table.numRows };
  let lo = 0;
  let hi = table.numRows;
  let best = tableToIPC(compactPrefix(table, 0), 'stream');
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const bytes = tableToIPC(compactPrefix(table, mid), 'stream');
    if (bytes.byteLength <= maxBytes) {
      lo = mid;
      best = bytes;
    } else {
      hi = mid - 1;
    }
  }
  return { bytes: best, rows: lo };
}

/** The nbformat output for a result. */
export interface ResultOutput {
  output_type: 'display_data';
  data: Record<string, string>;
  metadata: Record<string, { loch: SavedResultInfo }>;
}

export function resultOutput(
  table: Table,
  info: Omit<SavedResultInfo, 'totalRows' | 'savedRows' | 'refHash' | 'snapshots'> & {
    pin?: ResultPin;
  },
  maxBytes: number,
): ResultOutput {
  const { bytes, rows } = cappedIpc(table, maxBytes);
  const { pin, ...rest } = info;
  const saved: SavedResultInfo = {
    ...rest,
    totalRows: table.numRows,
    savedRows: rows,
    ...(pin
      ? {
          refHash: pin.hash,
          snapshots: pinSnapshots(pin),
        }
      : {}),
  };
  const shape = `${table.numRows} rows × ${table.numCols} columns`;
  return {
    output_type: 'display_data',
    data: {
      [ARROW_MIME]: bytesToBase64(bytes),
      'text/plain': rows < table.numRows ? `${shape} (${rows} kept in the notebook)` : shape,
    },
    metadata: { [ARROW_MIME]: { loch: saved } },
  };
}
