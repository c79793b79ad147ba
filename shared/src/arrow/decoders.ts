// Column decoders: each takes the JSON values Trino sends for one column (or one nested child)
// and writes them into Arrow buffers; `flush()` hands over what was written as one `Data`.
import {
  Binary,
  Bool,
  Data,
  DataType,
  Field,
  FixedSizeBinary,
  List,
  Map_,
  Null,
  Struct,
  Utf8,
  makeData,
} from 'apache-arrow';
import { BitBuffer, GrowableArray, OffsetBuffer, type TypedArray } from './buffers';
import { writeDecimal128 } from './decimal';
import { parseDate, parseTimeOfDay, parseTimestamp, timestampToUnit } from './temporal';
import { LochError } from '../errors';

export interface ColumnDecoder {
  readonly type: DataType;
  /** One value as the protocol's JSON carries it; `null` is SQL NULL. */
  append(value: unknown): void;
  /** Everything appended since the last flush, as Arrow data. */
  flush(): Data;
}

/** Shared null bookkeeping: the validity bitmap is dropped when a batch has no nulls. */
abstract class BaseDecoder<T extends DataType> implements ColumnDecoder {
  protected readonly validity = new BitBuffer();
  constructor(readonly type: T) {}

  append(value: unknown): void {
    if (value === null || value === undefined) {
      this.validity.push(false);
      this.appendNull();
    } else {
      this.validity.push(true);
      this.appendValue(value);
    }
  }

  protected abstract appendValue(value: unknown): void;
  protected abstract appendNull(): void;
  protected abstract build(length: number, nullCount: number, nullBitmap?: Uint8Array): Data;

  flush(): Data {
    const length = this.validity.length;
    const nullCount = this.validity.zeros;
    const bitmap = this.validity.take();
    return this.build(length, nullCount, nullCount ? bitmap : undefined);
  }
}

/**
 * Columns of fixed-width values in one buffer (numbers, 64-bit integers, decimals, UUIDs): a NULL
 * keeps its slot, and the buffer becomes the Arrow data as it is.
 */
abstract class FixedWidthDecoder<A extends TypedArray> extends BaseDecoder<DataType> {
  protected readonly values: GrowableArray<A>;
  constructor(type: DataType, values: GrowableArray<A>) {
    super(type);
    this.values = values;
  }
  protected appendNull(): void {
    this.values.reserve();
  }
  protected build(length: number, nullCount: number, nullBitmap?: Uint8Array): Data {
    return makeData({
      type: this.type,
      length,
      nullCount,
      nullBitmap,
      data: this.values.take(),
    } as never);
  }
}

type NumericArray = Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/**
 * Fixed-width numbers (ints to 32 bits, floats, days, times, year-month intervals): `convert`
 * turns the JSON value into the stored number. Floats arrive as text for NaN and ±Infinity.
 */
export class NumberDecoder extends FixedWidthDecoder<NumericArray> {
  constructor(
    type: DataType,
    ctor: new (n: number) => NumericArray,
    private readonly convert: (v: unknown) => number,
  ) {
    super(type, new GrowableArray(ctor));
  }
  protected appendValue(v: unknown): void {
    this.values.push(this.convert(v));
  }
}

/** Thrown by a decoder given a JSON number JSON.parse could not hold exactly (beyond 2^53). */
export class InexactNumberError extends LochError {
  override readonly name = 'InexactNumberError';
  readonly code = 'inexact-number';
}

const TWO32 = 4294967296;

/**
 * 64-bit integers (bigint, timestamps, time in µs/ns, durations), exact via BigInt64Array.
 * Safe-integer JSON numbers are written as two 32-bit halves (little-endian, as Arrow's buffers
 * are), sparing a BigInt per value.
 */
export class BigIntDecoder extends FixedWidthDecoder<BigInt64Array> {
  private words = new Uint32Array(this.values.values.buffer);
  constructor(
    type: DataType,
    private readonly convert: (v: unknown) => bigint,
  ) {
    super(type, new GrowableArray(BigInt64Array));
  }
  protected appendValue(v: unknown): void {
    const at = this.values.reserve();
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) throw new InexactNumberError(`${v} is beyond 2^53`);
      if (this.words.buffer !== this.values.values.buffer) {
        this.words = new Uint32Array(this.values.values.buffer);
      }
      this.words[2 * at] = v >>> 0;
      this.words[2 * at + 1] = Math.floor(v / TWO32) >>> 0;
      return;
    }
    this.values.values[at] = this.convert(v);
  }
}

export class BoolDecoder extends BaseDecoder<Bool> {
  private readonly bits = new BitBuffer();
  constructor() {
    super(new Bool());
  }
  protected appendValue(v: unknown): void {
    this.bits.push(v === true || v === 'true');
  }
  protected appendNull(): void {
    this.bits.push(false);
  }
  protected build(length: number, nullCount: number, nullBitmap?: Uint8Array): Data {
    return makeData({ type: this.type, length, nullCount, nullBitmap, data: this.bits.take() });
  }
}

/** Decimal128 from Trino's decimal text, exact at every precision (see decimal.ts). */
export class DecimalDecoder extends FixedWidthDecoder<Uint32Array> {
  constructor(
    type: DataType,
    private readonly scale: number,
  ) {
    super(type, new GrowableArray(Uint32Array, 4));
  }
  protected appendValue(v: unknown): void {
    const at = this.values.reserve();
    writeDecimal128(typeof v === 'string' ? v : String(v), this.scale, this.values.values, at);
  }
}

const utf8 = new TextEncoder();

/**
 * Text columns. Strings are gathered per batch and encoded at flush: an all-ASCII batch (the
 * common case) is encoded in one call and its offsets are the string lengths.
 */
export class Utf8Decoder extends BaseDecoder<DataType> {
  private strings: string[] = [];
  constructor(
    type: DataType = new Utf8(),
    private readonly toText: (v: unknown) => string = (v) =>
      typeof v === 'string' ? v : JSON.stringify(v),
  ) {
    super(type);
  }
  protected appendValue(v: unknown): void {
    this.strings.push(this.toText(v));
  }
  protected appendNull(): void {
    this.strings.push('');
  }
  protected build(length: number, nullCount: number, nullBitmap?: Uint8Array): Data {
    const strings = this.strings;
    this.strings = [];
    const { offsets, bytes } = encodeStrings(strings);
    return makeData({
      type: this.type,
      length,
      nullCount,
      nullBitmap,
      valueOffsets: offsets,
      data: bytes,
    } as never);
  }
}

function encodeStrings(strings: string[]): { offsets: Int32Array; bytes: Uint8Array } {
  const offsets = new Int32Array(strings.length + 1);
  const joined = strings.join('');
  const bytes = utf8.encode(joined);
  if (bytes.length === joined.length) {
    let end = 0;
    for (let i = 0; i < strings.length; i++) {
      end += strings[i]!.length;
      offsets[i + 1] = end;
    }
    return { offsets, bytes };
  }
  // Not all ASCII: encode string by string to learn each one's byte length.
  const out = new Uint8Array(bytes.length);
  let end = 0;
  for (let i = 0; i < strings.length; i++) {
    end += utf8.encodeInto(strings[i]!, out.subarray(end)).written;
    offsets[i + 1] = end;
  }
  return { offsets, bytes: out };
}

// Base64 decoded straight into the column's byte buffer: atob would build a binary string
// first, and Node's Buffer is not available in a browser.
const B64 = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
}
B64['-'.charCodeAt(0)] = 62;
B64['_'.charCodeAt(0)] = 63;

/** varbinary (and Trino's binary sketches such as HyperLogLog): base64 text to bytes. */
export class BinaryDecoder extends BaseDecoder<Binary> {
  private bytes = new GrowableArray(Uint8Array);
  private offsets = new OffsetBuffer();
  constructor() {
    super(new Binary());
  }
  protected appendValue(v: unknown): void {
    const s = String(v);
    let acc = 0;
    let bits = 0;
    for (let i = 0; i < s.length; i++) {
      const c = B64[s.charCodeAt(i)] ?? -1;
      if (c < 0) continue; // padding '=' and line breaks
      acc = (acc << 6) | c;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        this.bytes.push((acc >> bits) & 0xff);
      }
    }
    this.offsets.push(this.bytes.length);
  }
  protected appendNull(): void {
    this.offsets.push(this.bytes.length);
  }
  protected build(length: number, nullCount: number, nullBitmap?: Uint8Array): Data {
    return makeData({
      type: this.type,
      length,
      nullCount,
      nullBitmap,
      valueOffsets: this.offsets.take(),
      data: this.bytes.take(),
    });
  }
}

/** uuid as the 16 bytes of `arrow.uuid` (FixedSizeBinary(16)), from its hex text. */
export class UuidDecoder extends FixedWidthDecoder<Uint8Array> {
  constructor() {
    super(new FixedSizeBinary(16), new GrowableArray(Uint8Array, 16));
  }
  protected appendValue(v: unknown): void {
    const hex = String(v).replace(/-/g, '');
    const at = this.values.reserve();
    for (let k = 0; k < 16; k++)
      this.values.values[at + k] = parseInt(hex.slice(2 * k, 2 * k + 2), 16);
  }
}

/** The type of a bare NULL literal (Trino's `unknown`): Arrow's Null, no buffers at all. */
export class NullDecoder implements ColumnDecoder {
  readonly type = new Null();
  private length = 0;
  append(): void {
    this.length++;
  }
  flush(): Data {
    const length = this.length;
    this.length = 0;
    return makeData({ type: this.type, length });
  }
}

export class ListDecoder extends BaseDecoder<List> {
  private offsets = new OffsetBuffer();
  constructor(
    field: Field,
    private readonly child: ColumnDecoder,
  ) {
    super(new List(field));
  }
  protected appendValue(v: unknown): void {
    const items = v as unknown[];
    for (let i = 0; i < items.length; i++) this.child.append(items[i]);
    this.offsets.add(items.length);
  }
  protected appendNull(): void {
    this.offsets.add(0);
  }
  protected build(length: number, nullCount: number, nullBitmap?: Uint8Array): Data {
    return makeData({
      type: this.type,
      length,
      nullCount,
      nullBitmap,
      valueOffsets: this.offsets.take(),
      child: this.child.flush(),
    });
  }
}

/**
 * Maps arrive as JSON objects, so keys are always text: `keyOf` turns each back into the JSON
 * value its key type expects (numbers, booleans, nested keys).
 */
export class MapDecoder extends BaseDecoder<Map_> {
  private offsets = new OffsetBuffer();
  constructor(
    type: Map_,
    private readonly keys: ColumnDecoder,
    private readonly values: ColumnDecoder,
    private readonly keyOf: (text: string) => unknown,
  ) {
    super(type);
  }
  protected appendValue(v: unknown): void {
    const obj = v as Record<string, unknown>;
    let entries = 0;
    for (const k in obj) {
      this.keys.append(this.keyOf(k));
      this.values.append(obj[k]);
      entries++;
    }
    this.offsets.add(entries);
  }
  protected appendNull(): void {
    this.offsets.add(0);
  }
  protected build(length: number, nullCount: number, nullBitmap?: Uint8Array): Data {
    const entriesType = this.type.children[0]!.type as Struct;
    const keys = this.keys.flush();
    const entries = makeData({
      type: entriesType,
      length: keys.length,
      nullCount: 0,
      children: [keys, this.values.flush()],
    });
    return makeData({
      type: this.type,
      length,
      nullCount,
      nullBitmap,
      valueOffsets: this.offsets.take(),
      child: entries,
    });
  }
}

/** row(...) as a Struct: Trino sends a row as a JSON array of its field values. */
export class StructDecoder extends BaseDecoder<Struct> {
  constructor(
    type: Struct,
    private readonly children: ColumnDecoder[],
    /** Reads child `i` of a value; rows are arrays, time-with-zone pairs come from text. */
    private readonly split: (v: unknown) => ArrayLike<unknown> = (v) => v as unknown[],
  ) {
    super(type);
  }
  protected appendValue(v: unknown): void {
    const parts = this.split(v);
    for (let i = 0; i < this.children.length; i++) this.children[i]!.append(parts[i]);
  }
  protected appendNull(): void {
    for (const child of this.children) child.append(null);
  }
  protected build(length: number, nullCount: number, nullBitmap?: Uint8Array): Data {
    return makeData({
      type: this.type,
      length,
      nullCount,
      nullBitmap,
      children: this.children.map((c) => c.flush()),
    });
  }
}

// Converters from JSON values to stored numbers, shared by the type mapping.
export const toNumber = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
export const toBigInt = (v: unknown): bigint =>
  typeof v === 'bigint' ? v : BigInt(v as number | string);
export const toDays = (v: unknown): number => parseDate(v as string);
export const timeOfDay = (unitDigits: number) => (v: unknown) =>
  parseTimeOfDay(v as string, unitDigits).value;
export const timeOfDayBig = (unitDigits: number) => (v: unknown) =>
  BigInt(parseTimeOfDay(v as string, unitDigits).value);
export const timestampIn = (unitDigits: number) => (v: unknown) =>
  timestampToUnit(parseTimestamp(v as string), unitDigits);
