// Growable typed buffers the column decoders write into: values go straight into the typed
// arrays Arrow keeps, so a page never turns into JS objects per row.

export type TypedArray =
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array;

interface TypedArrayCtor<T extends TypedArray> {
  new (length: number): T;
}

/** A validity (or boolean) bitmap, least-significant bit first as Arrow lays it out. */
export class BitBuffer {
  private bits = new Uint8Array(64);
  length = 0;
  /** Count of zero bits: nulls, when this is a validity bitmap. */
  zeros = 0;

  push(bit: boolean): void {
    const byte = this.length >> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(this.bits.length * 2);
      grown.set(this.bits);
      this.bits = grown;
    }
    if (bit) this.bits[byte]! |= 1 << (this.length & 7);
    else this.zeros++;
    this.length++;
  }

  /** The bitmap so far (trimmed), and a fresh empty one for the next batch. */
  take(): Uint8Array {
    const out = this.bits.slice(0, (this.length + 7) >> 3);
    this.bits = new Uint8Array(64);
    this.length = 0;
    this.zeros = 0;
    return out;
  }
}

/** A typed array that doubles as it fills; `take()` hands over exactly `length` elements. */
export class GrowableArray<T extends TypedArray> {
  values: T;
  length = 0;

  constructor(
    private readonly ctor: TypedArrayCtor<T>,
    /** Elements per logical value (4 words for a Decimal128). */
    readonly stride = 1,
  ) {
    this.values = new ctor(64 * stride);
  }

  /** Makes room for one more value and returns the index of its first element. */
  reserve(): number {
    const at = this.length * this.stride;
    if (at + this.stride > this.values.length) {
      const grown = new this.ctor(this.values.length * 2);
      grown.set(this.values as never);
      this.values = grown;
    }
    this.length++;
    return at;
  }

  /**
   * Appends one element. (Not `values[reserve()] = v`: JS reads `values` before `reserve()`
   * may grow it, and the write would land in the old array.)
   */
  push(value: number): void {
    const at = this.reserve();
    (this.values as Exclude<T, BigInt64Array>)[at] = value;
  }

  take(): T {
    const out = this.values.slice(0, this.length * this.stride) as T;
    this.values = new this.ctor(64 * this.stride);
    this.length = 0;
    return out;
  }
}

/** Offsets for lists, maps, strings and binaries: `length + 1` entries, starting at 0. */
export class OffsetBuffer {
  private offsets = new GrowableArray(Int32Array);

  constructor() {
    this.offsets.push(0);
  }

  /** Appends the end of a value `length` entries long, right after the previous value. */
  add(length: number): void {
    this.offsets.push(this.offsets.values[this.offsets.length - 1]! + length);
  }

  push(end: number): void {
    this.offsets.push(end);
  }

  take(): Int32Array {
    const out = this.offsets.take();
    this.offsets.push(0);
    return out;
  }
}
