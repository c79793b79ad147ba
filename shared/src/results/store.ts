// The rows of one result as they stream in: Arrow record batches kept as they arrived (no row
// objects), a cumulative row offset per batch to find a row, and an optional view order (a
// permutation of row numbers) for sort and filter on the loaded rows.
import {
  DataType,
  RecordBatchReader,
  type RecordBatch,
  type Schema,
  type Vector,
} from 'apache-arrow';
import { cellValue, columnFormat, type ColumnFormat } from './format';
import { radixSortRows } from './radix-sort';

export type SortDirection = 'asc' | 'desc';

export interface SortState {
  column: number;
  direction: SortDirection;
}

export interface FilterState {
  column: number;
  /** Case-insensitive substring of the cell's text; the text `NULL` does not match NULL. */
  text: string;
}

export class ResultStore {
  schema: Schema | undefined;
  formats: ColumnFormat[] = [];
  readonly batches: RecordBatch[] = [];
  /**
   * columns[i][c] is column c of batch i, taken once: apache-arrow's getChildAt builds a new
   * Vector on every call, which cost most of the time of reading a cell.
   */
  private columns: Vector[][] = [];
  /** offsets[i] is the first row of batch i; offsets[batches.length] the row count. */
  private offsets: number[] = [0];
  private order: Uint32Array | null = null;
  private lastBatch = 0;
  sort: SortState | undefined;
  filter: FilterState | undefined;

  get rowCount(): number {
    return this.offsets[this.offsets.length - 1]!;
  }

  /** Rows in view order (after the filter). */
  get viewRowCount(): number {
    return this.order ? this.order.length : this.rowCount;
  }

  get columnCount(): number {
    return this.schema?.fields.length ?? 0;
  }

  /** Appends the batches of one Arrow IPC stream; returns the rows added. */
  appendIpc(ipc: ArrayBuffer | Uint8Array): number {
    const reader = RecordBatchReader.from(ipc instanceof Uint8Array ? ipc : new Uint8Array(ipc));
    let added = 0;
    for (const batch of reader) added += this.appendBatch(batch);
    if (!this.schema && reader.schema) this.setSchema(reader.schema);
    return added;
  }

  appendBatch(batch: RecordBatch): number {
    if (!this.schema) this.setSchema(batch.schema);
    if (batch.numRows === 0) return 0;
    this.batches.push(batch);
    this.columns.push(batch.schema.fields.map((_f, c) => batch.getChildAt(c)!));
    this.offsets.push(this.rowCount + batch.numRows);
    if (this.order) this.order = null; // re-derived by the caller (applyView) when rows settle
    return batch.numRows;
  }

  private setSchema(schema: Schema): void {
    this.schema = schema;
    this.formats = schema.fields.map((f) => columnFormat(f));
  }

  /** The loaded row number shown at view position `viewRow`. */
  rowAt(viewRow: number): number {
    return this.order ? this.order[viewRow]! : viewRow;
  }

  private locate(row: number): number {
    const o = this.offsets;
    let b = this.lastBatch;
    if (row >= o[b]! && row < o[b + 1]!) return b;
    let lo = 0;
    let hi = this.batches.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (o[mid]! <= row) lo = mid;
      else hi = mid - 1;
    }
    b = lo;
    this.lastBatch = b;
    return b;
  }

  /** The value at a loaded row, as `cellValue` reads it (null for NULL or no such column). */
  value(row: number, column: number): unknown {
    const b = this.locate(row);
    const vec = this.columns[b]![column];
    return vec ? cellValue(vec, row - this.offsets[b]!) : null;
  }

  /** The text of a cell, or null for NULL. */
  text(row: number, column: number): string | null {
    const v = this.value(row, column);
    return v === null ? null : this.formats[column]!.format(v);
  }

  /** Re-derives the view order from the current sort and filter over all loaded rows. */
  applyView(): void {
    const { sort, filter } = this;
    if (!sort && !filter) {
      this.order = null;
      return;
    }
    let idx: Uint32Array;
    if (filter && filter.text !== '') {
      const needle = filter.text.toLowerCase();
      const keep: number[] = [];
      for (let r = 0; r < this.rowCount; r++) {
        const t = this.text(r, filter.column);
        if (t !== null && t.toLowerCase().includes(needle)) keep.push(r);
      }
      idx = Uint32Array.from(keep);
    } else {
      idx = new Uint32Array(this.rowCount);
      for (let i = 0; i < idx.length; i++) idx[i] = i;
    }
    if (sort) idx = this.sorted(idx, sort);
    this.order = idx;
  }

  // Numeric keys are read straight from each batch's value buffer and radix-sorted; other
  // types compare their cell text. NULLs sort last in both directions, as in Trino.
  private sorted(idx: Uint32Array, sort: SortState): Uint32Array {
    const type = this.schema!.fields[sort.column]!.type;
    const numeric =
      DataType.isInt(type) ||
      DataType.isFloat(type) ||
      DataType.isTimestamp(type) ||
      DataType.isDate(type) ||
      DataType.isDecimal(type);
    const n = this.rowCount;
    const isNull = new Uint8Array(n);
    if (numeric) {
      const keys = this.numericKeys(sort.column, isNull);
      let nulls = 0;
      for (let i = 0; i < idx.length; i++) nulls += isNull[idx[i]!]!;
      const nonNull = new Uint32Array(idx.length - nulls);
      const out = new Uint32Array(idx.length);
      let a = 0;
      let z = nonNull.length;
      for (let i = 0; i < idx.length; i++) {
        const r = idx[i]!;
        if (isNull[r]) out[z++] = r;
        else nonNull[a++] = r;
      }
      out.set(radixSortRows(keys, nonNull, sort.direction === 'desc'));
      return out;
    }
    const dir = sort.direction === 'asc' ? 1 : -1;
    const keys: string[] = new Array(n);
    for (const r of idx) {
      const t = this.text(r, sort.column);
      if (t === null) isNull[r] = 1;
      else keys[r] = t;
    }
    return idx.sort(
      (a, b) =>
        isNull[a]! - isNull[b]! ||
        (keys[a]! < keys[b]! ? -dir : keys[a]! > keys[b]! ? dir : 0) ||
        a - b,
    );
  }

  private numericKeys(column: number, isNull: Uint8Array): Float64Array {
    const keys = new Float64Array(this.rowCount);
    this.batches.forEach((_batch, b) => {
      const base = this.offsets[b]!;
      const vec = this.columns[b]![column]!;
      let at = base;
      for (const data of vec.data) {
        const values = data.values as ArrayLike<number | bigint>;
        const plain = !DataType.isDecimal(data.type);
        const validity = data.nullCount > 0 ? data.nullBitmap : undefined;
        for (let i = 0; i < data.length; i++, at++) {
          const pos = data.offset + i;
          if (validity && !(validity[pos >> 3]! & (1 << (pos & 7)))) isNull[at] = 1;
          else if (plain) keys[at] = Number(values[pos]!);
          else keys[at] = Number(this.text(at, column));
        }
      }
    });
    return keys;
  }

  clear(): void {
    this.schema = undefined;
    this.formats = [];
    this.batches.length = 0;
    this.columns = [];
    this.offsets = [0];
    this.order = null;
    this.lastBatch = 0;
    this.sort = undefined;
    this.filter = undefined;
  }
}
