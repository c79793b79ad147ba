// Cell text per Arrow type, the way Trino prints values: decimals exact (from their 128-bit
// words, never through a double), timestamps with their zone at the column's precision, binary
// as hex, nested values as a compact literal the detail pane can expand. NULL is not a string
// here: callers test `value === null` and render it distinctly (see grid.ts).
import { DataType, TimeUnit, type Field, type Vector } from 'apache-arrow';
import { zoneOffsetMinutes } from '../arrow/temporal';
import { formatDecimal, signedFromWords } from '../arrow/decimal';
import { EXTENSION_NAME_KEY, TRINO_TYPE_KEY } from '../arrow/trino-types';
import { hex, precisionOf, uuidText } from '../arrow/values';

export type CellFormatter = (value: unknown) => string;

export interface ColumnFormat {
  format: CellFormatter;
  /** Numbers are right-aligned so digits line up. */
  align: 'left' | 'right';
  /** Nested or long values get an expandable detail. */
  nested: boolean;
}

const pad = (n: number | bigint, w = 2) => String(n).padStart(w, '0');

/** Digits after the second: from Trino's type in the field metadata, else the Arrow unit. */
function fractionDigits(field: Field, unit: TimeUnit): number {
  return precisionOf(field.metadata.get(TRINO_TYPE_KEY), [0, 3, 6, 9][unit] ?? 3);
}

const UNIT_PER_SECOND = [1n, 1000n, 1_000_000n, 1_000_000_000n];

function civil(epochSeconds: bigint): string {
  const d = new Date(Number(epochSeconds) * 1000);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** `value` is the raw count of `unit`s since the epoch (bigint) or milliseconds (number). */
function timestampFormatter(field: Field, unit: TimeUnit, zone: string | null): CellFormatter {
  const digits = fractionDigits(field, unit);
  const perSecond = UNIT_PER_SECOND[unit]!;
  return (value) => {
    const raw =
      typeof value === 'bigint'
        ? value
        : BigInt(Math.round(Number(value))) * (perSecond / 1000n || 1n);
    let seconds = raw / perSecond;
    let frac = raw % perSecond;
    if (frac < 0n) {
      frac += perSecond;
      seconds -= 1n;
    }
    let offset = 0;
    if (zone) {
      offset = zoneOffsetMinutes(zone, Number(seconds) * 1000);
      seconds += BigInt(offset * 60);
    }
    const fracText = pad(frac, String(perSecond).length - 1).slice(0, digits);
    const text = civil(seconds) + (digits > 0 ? `.${fracText.padEnd(digits, '0')}` : '');
    return zone ? `${text} ${zone}` : text;
  };
}

/** A nested value (list, struct, map) as a compact literal, recursively. */
export function nestedText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (value instanceof Uint8Array) return `0x${hex(value)}`;
  if (value instanceof Map) {
    return `{${[...value].map(([k, v]) => `${nestedText(k)}: ${nestedText(v)}`).join(', ')}}`;
  }
  const iterable = value as { toArray?: () => unknown; toJSON?: () => unknown };
  if (typeof iterable.toJSON === 'function' && !(Symbol.iterator in Object(value))) {
    const obj = iterable.toJSON() as Record<string, unknown>;
    return `{${Object.entries(obj)
      .map(([k, v]) => `${k}: ${nestedText(v)}`)
      .join(', ')}}`;
  }
  if (Symbol.iterator in Object(value)) {
    const items = [...(value as Iterable<unknown>)];
    // A Map vector's entries iterate as [key, value] pairs.
    return `[${items.map(nestedText).join(', ')}]`;
  }
  if (typeof value === 'object') {
    return `{${Object.entries(value as object)
      .map(([k, v]) => `${k}: ${nestedText(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/**
 * The value at `index` of a column: null for NULL; timestamps as their raw bigint count of units
 * (Arrow's `get` would round them to milliseconds); other types as apache-arrow gives them.
 */
export function cellValue(vec: Vector, index: number): unknown {
  if (!vec.isValid(index)) return null;
  if (DataType.isTimestamp(vec.type)) {
    const data = vec.data[0]!;
    return (data.values as BigInt64Array)[data.offset + index];
  }
  return vec.get(index);
}

export function columnFormat(field: Field): ColumnFormat {
  const type = field.type;
  if (DataType.isInt(type)) return { format: (v) => String(v), align: 'right', nested: false };
  if (DataType.isFloat(type)) {
    return { format: (v) => (Number.isNaN(v) ? 'NaN' : String(v)), align: 'right', nested: false };
  }
  if (DataType.isDecimal(type)) {
    const scale = type.scale;
    return {
      format: (v) =>
        v instanceof Uint32Array ? formatDecimal(signedFromWords(v), scale) : String(v),
      align: 'right',
      nested: false,
    };
  }
  if (DataType.isTimestamp(type)) {
    return {
      format: timestampFormatter(field, type.unit, type.timezone ?? null),
      align: 'left',
      nested: false,
    };
  }
  if (DataType.isDate(type)) {
    return {
      format: (v) => {
        const d = new Date(Number(v));
        return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      },
      align: 'left',
      nested: false,
    };
  }
  if (DataType.isTime(type)) {
    const perSecond = UNIT_PER_SECOND[type.unit]!;
    const digits = fractionDigits(field, type.unit);
    return {
      format: (v) => {
        const raw = BigInt(v as number | bigint);
        const s = raw / perSecond;
        const frac = pad(raw % perSecond, String(perSecond).length - 1).slice(0, digits);
        const hms = `${pad(s / 3600n)}:${pad((s / 60n) % 60n)}:${pad(s % 60n)}`;
        return digits > 0 ? `${hms}.${frac}` : hms;
      },
      align: 'left',
      nested: false,
    };
  }
  const isUuid =
    field.metadata.get(EXTENSION_NAME_KEY) === 'arrow.uuid' ||
    field.metadata.get(TRINO_TYPE_KEY) === 'uuid';
  if (isUuid && DataType.isFixedSizeBinary(type)) {
    return {
      format: (v) => uuidText(v as Uint8Array),
      align: 'left',
      nested: false,
    };
  }
  if (DataType.isBinary(type) || DataType.isFixedSizeBinary(type)) {
    return { format: (v) => `0x${hex(v as Uint8Array)}`, align: 'left', nested: true };
  }
  if (DataType.isBool(type)) return { format: (v) => String(v), align: 'left', nested: false };
  if (DataType.isList(type) || DataType.isStruct(type) || DataType.isMap(type)) {
    return { format: nestedText, align: 'left', nested: true };
  }
  return { format: (v) => String(v), align: 'left', nested: false };
}
