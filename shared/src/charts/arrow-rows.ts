// Rows for vega read straight from Arrow vectors: one object per row with the chart's fields
// only, no JSON text in between. Temporal values become epoch milliseconds (vega's time),
// int64 and decimals become numbers (a chart needs magnitudes, not exact digits).
import { DataType, type Table, type Vector } from 'apache-arrow';
import { signedFromWords } from '../arrow/decimal';

export type VegaRow = Record<string, unknown>;

function toChartValue(type: DataType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (DataType.isDecimal(type)) return decimalToNumber(v, type.scale);
  if (v instanceof Date) return v.getTime();
  return v;
}

// apache-arrow hands decimals as 128-bit little-endian words; a chart only needs a double.
function decimalToNumber(v: unknown, scale: number): number {
  if (v instanceof Uint32Array) return Number(signedFromWords(v)) / 10 ** scale;
  return Number(v);
}

/** Rows keyed by column name, or by `keyOf(index)` when given (e.g. `c0`, `c1`, ...). */
export function arrowToVegaRows(table: Table, keyOf?: (index: number) => string): VegaRow[] {
  const cols: [string, Vector, DataType][] = [];
  table.schema.fields.forEach((f, i) => {
    const v = table.getChildAt(i);
    if (v) cols.push([keyOf ? keyOf(i) : f.name, v, v.type]);
  });
  const rows: VegaRow[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row: VegaRow = {};
    for (const [name, vec, type] of cols) row[name] = toChartValue(type, vec.get(i));
    rows[i] = row;
  }
  return rows;
}
