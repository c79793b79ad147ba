// Where a Trino type becomes an Arrow type: one decoder per Trino type signature, nested to any
// depth. Every field keeps its Trino type in its metadata (`trino.type`) so writers and viewers
// can print values the way Trino does.
import {
  DataType,
  DateDay,
  Decimal,
  DurationMillisecond,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  IntervalYearMonth,
  Map_,
  Struct,
  Time,
  TimeUnit,
  Timestamp,
  Utf8,
} from 'apache-arrow';
import {
  BigIntDecoder,
  BinaryDecoder,
  BoolDecoder,
  DecimalDecoder,
  ListDecoder,
  MapDecoder,
  NullDecoder,
  NumberDecoder,
  StructDecoder,
  Utf8Decoder,
  UuidDecoder,
  timeOfDay,
  timeOfDayBig,
  timestampIn,
  toBigInt,
  toDays,
  toNumber,
  type ColumnDecoder,
} from './decoders';
import { parseOffsetMinutes, parseTimeOfDay } from './temporal';
import type { TrinoTypeSignature } from '../trino/protocol';

/** Field metadata keys Loch sets. */
export const TRINO_TYPE_KEY = 'trino.type';
export const EXTENSION_NAME_KEY = 'ARROW:extension:name';

export interface MappedColumn {
  field: Field;
  decoder: ColumnDecoder;
}

/** Called once per column whose type Loch does not know (it is kept as text). */
export type TypeWarning = (message: string) => void;

const UNITS = [TimeUnit.SECOND, TimeUnit.MILLISECOND, TimeUnit.MICROSECOND, TimeUnit.NANOSECOND];

/** Arrow's unit for a fractional-second precision: 0 s, 1-3 ms, 4-6 µs, 7-9 ns; none beyond. */
export function unitDigitsFor(precision: number): number | undefined {
  if (precision > 9) return undefined;
  return Math.ceil(precision / 3) * 3;
}

function longArg(sig: TrinoTypeSignature, i: number, fallback: number): number {
  const a = sig.arguments[i];
  return a && a.kind === 'LONG' ? a.value : fallback;
}

function typeArg(sig: TrinoTypeSignature, i: number): TrinoTypeSignature {
  const a = sig.arguments[i];
  if (a?.kind === 'TYPE') return a.value;
  if (a?.kind === 'NAMED_TYPE') return a.value.typeSignature;
  throw new Error(`type ${sig.rawType} lacks argument ${i}`);
}

/** Trino's type text (`decimal(12, 2)`, `row(a integer)`) rebuilt from a signature. */
export function typeText(sig: TrinoTypeSignature): string {
  if (sig.arguments.length === 0) return sig.rawType;
  // Unbounded varchar is printed without its length, as Trino does.
  if (sig.rawType === 'varchar' && longArg(sig, 0, 0) === 2147483647) return 'varchar';
  const args = sig.arguments.map((a) => {
    if (a.kind === 'LONG') return String(a.value);
    if (a.kind === 'TYPE') return typeText(a.value);
    if (a.kind === 'NAMED_TYPE') {
      const name = a.value.fieldName?.name;
      const t = typeText(a.value.typeSignature);
      return name === undefined
        ? t
        : `${/^[a-z_][a-z0-9_]*$/.test(name) ? name : JSON.stringify(name)} ${t}`;
    }
    return String(a.value);
  });
  const raw = sig.rawType;
  const withZone = raw.endsWith(' with time zone');
  if (withZone)
    return `${raw.slice(0, -' with time zone'.length)}(${args.join(', ')}) with time zone`;
  return `${raw}(${args.join(', ')})`;
}

function field(name: string, sig: TrinoTypeSignature, type: DataType, extension?: string): Field {
  const meta = new Map([[TRINO_TYPE_KEY, typeText(sig)]]);
  if (extension) meta.set(EXTENSION_NAME_KEY, extension);
  return new Field(name, type, true, meta);
}

function mapped(
  name: string,
  sig: TrinoTypeSignature,
  decoder: ColumnDecoder,
  extension?: string,
): MappedColumn {
  return { field: field(name, sig, decoder.type, extension), decoder };
}

/** `HH:MM:SS.fff+05:30` split into the time text and the offset in minutes. */
function splitTimeWithZone(v: unknown): [string, number] {
  const text = v as string;
  const { end } = parseTimeOfDay(text, 0);
  let i = end;
  while (i < text.length && text[i] !== '+' && text[i] !== '-') i++;
  return [text.slice(0, i), parseOffsetMinutes(text, i)];
}

/** Milliseconds of Trino's `[-]D HH:MM:SS.fff` day-to-second interval text. */
function dayToSecondMillis(v: unknown): bigint {
  const text = v as string;
  const negative = text.charCodeAt(0) === 45;
  const space = text.indexOf(' ');
  const days = Number(text.slice(negative ? 1 : 0, space));
  const ms = parseTimeOfDay(text.slice(space + 1), 3).value;
  const total = BigInt(days) * 86_400_000n + BigInt(ms);
  return negative ? -total : total;
}

/** Months of Trino's `[-]Y-M` year-to-month interval text. */
function yearToMonthMonths(v: unknown): number {
  const text = v as string;
  const negative = text.charCodeAt(0) === 45;
  const body = negative ? text.slice(1) : text;
  const dash = body.indexOf('-');
  const months = Number(body.slice(0, dash)) * 12 + Number(body.slice(dash + 1));
  return negative ? -months : months;
}

/** The JSON value a map key of type `sig` stands for (JSON object keys are always text). */
function mapKeyReader(sig: TrinoTypeSignature): (text: string) => unknown {
  switch (sig.rawType) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'real':
    case 'double':
      return Number;
    case 'boolean':
      return (t) => t === 'true';
    case 'array':
    case 'map':
    case 'row':
      return (t) => JSON.parse(t);
    default:
      return (t) => t;
  }
}

/** The Arrow field and decoder for a Trino column (or nested child) named `name`. */
export function mapTrinoType(
  name: string,
  sig: TrinoTypeSignature,
  warn: TypeWarning,
): MappedColumn {
  const raw = sig.rawType;
  switch (raw) {
    case 'boolean':
      return mapped(name, sig, new BoolDecoder());
    case 'tinyint':
      return mapped(name, sig, new NumberDecoder(new Int8(), Int8Array, toNumber));
    case 'smallint':
      return mapped(name, sig, new NumberDecoder(new Int16(), Int16Array, toNumber));
    case 'integer':
      return mapped(name, sig, new NumberDecoder(new Int32(), Int32Array, toNumber));
    case 'bigint':
      return mapped(name, sig, new BigIntDecoder(new Int64(), toBigInt));
    case 'real':
      return mapped(name, sig, new NumberDecoder(new Float32(), Float32Array, toNumber));
    case 'double':
      return mapped(name, sig, new NumberDecoder(new Float64(), Float64Array, toNumber));
    case 'decimal': {
      const precision = longArg(sig, 0, 38);
      const scale = longArg(sig, 1, 0);
      return mapped(name, sig, new DecimalDecoder(new Decimal(scale, precision, 128), scale));
    }
    case 'varchar':
    case 'char':
    case 'ipaddress':
    case 'Geometry':
    case 'SphericalGeography':
      return mapped(name, sig, new Utf8Decoder());
    case 'json':
      return mapped(name, sig, new Utf8Decoder(), 'arrow.json');
    case 'uuid':
      return mapped(name, sig, new UuidDecoder(), 'arrow.uuid');
    case 'varbinary':
    case 'HyperLogLog':
    case 'P4HyperLogLog':
    case 'SetDigest':
    case 'qdigest':
    case 'tdigest':
      return mapped(name, sig, new BinaryDecoder());
    case 'unknown':
      return mapped(name, sig, new NullDecoder());
    case 'date':
      return mapped(name, sig, new NumberDecoder(new DateDay(), Int32Array, toDays));
    case 'time':
      return mapTime(name, sig, longArg(sig, 0, 3), warn);
    case 'time with time zone': {
      const precision = longArg(sig, 0, 3);
      const time = mapTime('time', { rawType: 'time', arguments: sig.arguments }, precision, warn);
      const offset = mapped(
        'offset_minutes',
        { rawType: 'smallint', arguments: [] },
        new NumberDecoder(new Int16(), Int16Array, toNumber),
      );
      const type = new Struct([time.field, offset.field]);
      return mapped(
        name,
        sig,
        new StructDecoder(type, [time.decoder, offset.decoder], splitTimeWithZone),
      );
    }
    case 'timestamp':
    case 'timestamp with time zone': {
      const precision = longArg(sig, 0, 3);
      const digits = unitDigitsFor(precision);
      if (digits === undefined) {
        warn(`column ${name}: ${typeText(sig)} is finer than Arrow's nanoseconds; kept as text`);
        return mapped(name, sig, new Utf8Decoder());
      }
      const zone = raw === 'timestamp with time zone' ? 'UTC' : null;
      const type = new Timestamp(UNITS[digits / 3]!, zone);
      return mapped(name, sig, new BigIntDecoder(type, timestampIn(digits)));
    }
    case 'interval day to second':
      return mapped(name, sig, new BigIntDecoder(new DurationMillisecond(), dayToSecondMillis));
    case 'interval year to month':
      return mapped(
        name,
        sig,
        new NumberDecoder(new IntervalYearMonth(), Int32Array, yearToMonthMonths),
      );
    case 'array': {
      const item = mapTrinoType('item', typeArg(sig, 0), warn);
      return mapped(name, sig, new ListDecoder(item.field, item.decoder));
    }
    case 'map': {
      const keySig = typeArg(sig, 0);
      const key = mapTrinoType('key', keySig, warn);
      const value = mapTrinoType('value', typeArg(sig, 1), warn);
      const keyField = new Field('key', key.field.type, false, key.field.metadata);
      const entries = new Field('entries', new Struct([keyField, value.field]), false);
      const type = new Map_(entries, false);
      return mapped(
        name,
        sig,
        new MapDecoder(type, key.decoder, value.decoder, mapKeyReader(keySig)),
      );
    }
    case 'row': {
      const children = sig.arguments.map((a, i) => {
        const childSig = a.kind === 'NAMED_TYPE' ? a.value.typeSignature : typeArg(sig, i);
        const childName = (a.kind === 'NAMED_TYPE' && a.value.fieldName?.name) || `field${i}`;
        return mapTrinoType(childName, childSig, warn);
      });
      const type = new Struct(children.map((c) => c.field));
      return mapped(
        name,
        sig,
        new StructDecoder(
          type,
          children.map((c) => c.decoder),
        ),
      );
    }
    default:
      warn(`column ${name}: Trino type ${typeText(sig)} is not known to Loch; kept as text`);
      return mapped(name, sig, new Utf8Decoder(new Utf8()));
  }
}

function mapTime(
  name: string,
  sig: TrinoTypeSignature,
  precision: number,
  warn: TypeWarning,
): MappedColumn {
  const digits = unitDigitsFor(precision);
  if (digits === undefined) {
    warn(`column ${name}: ${typeText(sig)} is finer than Arrow's nanoseconds; kept as text`);
    return mapped(name, sig, new Utf8Decoder());
  }
  const unit = UNITS[digits / 3]!;
  if (digits <= 3)
    return mapped(name, sig, new NumberDecoder(new Time(unit, 32), Int32Array, timeOfDay(digits)));
  return mapped(name, sig, new BigIntDecoder(new Time(unit, 64), timeOfDayBig(digits)));
}
