// Trino pages -> Arrow record batches: one decoder per column, filled column by column from the
// page's row arrays, flushed into a RecordBatch per page.
import { RecordBatch, Schema, Struct, makeData, type Data, type Field } from 'apache-arrow';
import type { TrinoColumn, TrinoTypeSignature } from '../trino/protocol';
import type { ColumnDecoder } from './decoders';
import { mapTrinoType, type TypeWarning } from './trino-types';

/** A type signature from the type text alone, for columns that come without one. */
function bareSignature(type: string): TrinoTypeSignature {
  return { rawType: type, arguments: [] };
}

export class PageDecoder {
  readonly schema: Schema;
  private readonly decoders: ColumnDecoder[];
  private readonly struct: Struct;

  constructor(columns: TrinoColumn[], warn: TypeWarning = () => {}) {
    const mapped = columns.map((c) =>
      mapTrinoType(c.name, c.typeSignature ?? bareSignature(c.type), warn),
    );
    const fields: Field[] = mapped.map((m) => m.field);
    this.schema = new Schema(fields);
    this.struct = new Struct(fields);
    this.decoders = mapped.map((m) => m.decoder);
  }

  /**
   * One page's rows as a RecordBatch with this decoder's schema. Throws `InexactNumberError`
   * when a 64-bit integer lost precision in JSON.parse: decode `parsePageExact`'s rows instead.
   */
  decode(rows: unknown[][]): RecordBatch {
    const n = rows.length;
    let children: Data[];
    try {
      children = this.decoders.map((decoder, c) => {
        for (let r = 0; r < n; r++) decoder.append(rows[r]![c]);
        return decoder.flush();
      });
    } catch (e) {
      // Drop what this page half-wrote so the decoders start clean.
      for (const d of this.decoders) d.flush();
      throw e;
    }
    const data = makeData({ type: this.struct, length: n, nullCount: 0, children });
    return new RecordBatch(this.schema, data);
  }
}
