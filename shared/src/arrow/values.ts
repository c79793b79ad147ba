// Exact values out of Arrow data, read from the buffers rather than through apache-arrow's
// getters (which turn microsecond timestamps and decimals into lossy numbers). Temporal values,
// decimals and uuids come back as the text Trino prints for them.
import {
  Type,
  type Data,
  type DataType,
  type Field,
  type RecordBatch,
  type Struct,
} from 'apache-arrow';
import { formatDecimal, readDecimal128 } from './decimal';
import { formatDays, formatTimeOfDay, formatTimestamp } from './temporal';
import { TRINO_TYPE_KEY } from './trino-types';

export type ExactValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | ExactValue[]
  | ExactMap
  | { [field: string]: ExactValue };

/** A map value: its entries in order (keys need not be strings). */
export class ExactMap {
  constructor(readonly entries: [ExactValue, ExactValue][]) {}
}

const utf8 = new TextDecoder();

/** Fractional-second digits of a Trino temporal type text such as `timestamp(6) with time zone`. */
export function precisionOf(trinoType: string | undefined, fallback: number): number {
  const m = /\((\d+)\)/.exec(trinoType ?? '');
  return m ? Number(m[1]) : fallback;
}

const UNIT_DIGITS = [0, 3, 6, 9];

/** Cuts a fraction printed in unit digits to the column's precision, as Trino prints it. */
function toPrecision(text: string, unitDigits: number, precision: number): string {
  if (unitDigits === 0) return text;
  const dot = text.lastIndexOf('.');
  if (precision === 0) return text.slice(0, dot);
  return text.slice(0, dot + 1 + precision) + text.slice(dot + 1 + unitDigits);
}

/** Lowercase hex of the bytes, no prefix. */
export function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** The 8-4-4-4-12 text of a UUID's 16 bytes. */
export function uuidText(bytes: Uint8Array): string {
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function durationText(ms: bigint): string {
  const negative = ms < 0n;
  const abs = negative ? -ms : ms;
  const days = abs / 86_400_000n;
  const rest = abs % 86_400_000n;
  return `${negative ? '-' : ''}${days} ${formatTimeOfDay(rest, 3)}`;
}

function yearMonthText(months: number): string {
  const abs = Math.abs(months);
  return `${months < 0 ? '-' : ''}${Math.floor(abs / 12)}-${abs % 12}`;
}

/**
 * A real (float32) as the shortest double that rounds to the same float32: `3.4028235e38`, as
 * Trino prints it, not the widened `3.4028234663852886e+38`.
 */
function shortestFloat32(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  for (let p = 1; p < 9; p++) {
    const candidate = Number(v.toPrecision(p));
    if (Math.fround(candidate) === v) return candidate;
  }
  return v;
}

/** The exact value at row `i` of `data`, whose field (with Trino metadata) is `field`. */
export function exactValue(data: Data, field: Field, i: number): ExactValue {
  if (!data.getValid(i)) return null;
  const trinoType = field.metadata.get(TRINO_TYPE_KEY);
  const j = data.offset + i;
  // The type's own fields (scale, unit, timezone, ...) by its typeId below.
  const type = data.type as DataType & {
    scale: number;
    byteWidth: number;
    unit: number;
    timezone?: string | null;
  };
  switch (type.typeId) {
    case Type.Null:
      return null;
    case Type.Bool:
      return ((data.values[j >> 3] >> (j & 7)) & 1) === 1;
    case Type.Int:
      return data.values[j] as number | bigint;
    case Type.Float: {
      const v = data.values[j] as number;
      return (type as unknown as { precision: number }).precision === 1 ? shortestFloat32(v) : v;
    }
    case Type.Decimal:
      return formatDecimal(readDecimal128(data.values, j * 4), type.scale);
    case Type.Utf8: {
      const o = data.valueOffsets;
      return utf8.decode(data.values.subarray(o[j], o[j + 1]));
    }
    case Type.Binary: {
      const o = data.valueOffsets;
      return data.values.slice(o[j], o[j + 1]);
    }
    case Type.FixedSizeBinary: {
      const bytes = data.values.slice(j * type.byteWidth, (j + 1) * type.byteWidth);
      return trinoType === 'uuid' ? uuidText(bytes) : bytes;
    }
    case Type.Date:
      return formatDays(data.values[j]);
    case Type.Time: {
      const digits = UNIT_DIGITS[type.unit]!;
      return toPrecision(
        formatTimeOfDay(data.values[j], digits),
        digits,
        precisionOf(trinoType, digits),
      );
    }
    case Type.Timestamp: {
      const digits = UNIT_DIGITS[type.unit]!;
      const text = toPrecision(
        formatTimestamp(data.values[j], digits),
        digits,
        precisionOf(trinoType, digits),
      );
      return type.timezone ? `${text} ${type.timezone}` : text;
    }
    case Type.Duration:
      return durationText(data.values[j]);
    case Type.Interval:
      return yearMonthText(data.values[j]);
    case Type.List: {
      const o = data.valueOffsets;
      const child = data.children[0]!;
      const childField = type.children[0]!;
      const out: ExactValue[] = [];
      for (let k = o[j]; k < o[j + 1]; k++)
        out.push(exactValue(child, childField, k - child.offset));
      return out;
    }
    case Type.Map: {
      const o = data.valueOffsets;
      const entries = data.children[0]!;
      const [keyField, valueField] = (type.children[0]!.type as Struct).children;
      const out: [ExactValue, ExactValue][] = [];
      for (let k = o[j]; k < o[j + 1]; k++) {
        out.push([
          exactValue(entries.children[0]!, keyField!, k - entries.offset),
          exactValue(entries.children[1]!, valueField!, k - entries.offset),
        ]);
      }
      return new ExactMap(out);
    }
    case Type.Struct: {
      if (trinoType?.startsWith('time(') && trinoType.endsWith('with time zone')) {
        const time = exactValue(data.children[0]!, type.children[0]!, i) as string;
        const offset = exactValue(data.children[1]!, type.children[1]!, i) as number;
        const abs = Math.abs(offset);
        const hh = String(Math.floor(abs / 60)).padStart(2, '0');
        const mm = String(abs % 60).padStart(2, '0');
        return `${time}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
      }
      // fromEntries defines own properties: a field named `__proto__` stays a field.
      return Object.fromEntries(
        type.children.map((f: Field, k: number) => [f.name, exactValue(data.children[k]!, f, i)]),
      ) as { [field: string]: ExactValue };
    }
    default:
      return String(data.values?.[j] ?? '');
  }
}

/** Every row of a batch as exact values, column by column (for writers and tests). */
export function* batchRows(batch: RecordBatch): Generator<ExactValue[]> {
  const fields = batch.schema.fields;
  const columns = fields.map((_, c) => batch.data.children[c]!);
  for (let i = 0; i < batch.numRows; i++) {
    yield columns.map((d, c) => exactValue(d, fields[c]!, i));
  }
}
