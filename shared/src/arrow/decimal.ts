// Trino sends decimals as text (`-12.50`); Arrow stores Decimal128 as a 128-bit two's complement
// integer of the unscaled value, little-endian in four 32-bit words. Up to 15 digits the unscaled
// value is an exact double, so the common case (money, tpch's decimal(12,2)) never allocates a
// BigInt; wider values take the exact BigInt path.

const TWO32 = 4294967296;
const MASK128 = (1n << 128n) - 1n;

/**
 * Writes the unscaled value of `text` at `scale` into `out[at..at+3]`. The text may carry fewer
 * fraction digits than the scale (`1.5` at scale 2 is 150); Trino never sends more.
 */
export function writeDecimal128(text: string, scale: number, out: Uint32Array, at: number): void {
  const n = text.length;
  let i = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === 45 /* - */) {
    negative = true;
    i = 1;
  } else if (first === 43 /* + */) {
    i = 1;
  }
  let digits = 0;
  let value = 0;
  let fractionDigits = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      fractionDigits = 0;
      continue;
    }
    value = value * 10 + (c - 48);
    digits++;
    if (fractionDigits >= 0) fractionDigits++;
  }
  const pad = scale - Math.max(fractionDigits, 0);
  if (digits + pad <= 15) {
    for (let k = 0; k < pad; k++) value *= 10;
    writeSmall(negative ? -value : value, out, at);
    return;
  }
  writeBig(unscaledBigInt(text, scale), out, at);
}

function writeSmall(v: number, out: Uint32Array, at: number): void {
  // Two's complement of a safe integer: split into 32-bit halves, then sign-extend.
  const lo = v >>> 0;
  const hi = Math.floor(v / TWO32);
  out[at] = lo;
  out[at + 1] = hi >>> 0;
  const ext = v < 0 ? 0xffffffff : 0;
  out[at + 2] = ext;
  out[at + 3] = ext;
}

function writeBig(v: bigint, out: Uint32Array, at: number): void {
  let u = v & MASK128;
  for (let k = 0; k < 4; k++) {
    out[at + k] = Number(u & 0xffffffffn);
    u >>= 32n;
  }
}

/** The unscaled integer of a decimal text at `scale`. */
export function unscaledBigInt(text: string, scale: number): bigint {
  const dot = text.indexOf('.');
  const intPart = dot < 0 ? text : text.slice(0, dot);
  const frac = dot < 0 ? '' : text.slice(dot + 1);
  return BigInt(`${intPart}${frac.padEnd(scale, '0')}`);
}

/**
 * A two's-complement integer of any width from its little-endian 32-bit words, as a signed
 * BigInt: what apache-arrow hands for a Decimal128/256 value.
 */
export function signedFromWords(words: Uint32Array): bigint {
  let n = 0n;
  for (let i = words.length - 1; i >= 0; i--) n = (n << 32n) | BigInt(words[i]!);
  const bits = BigInt(words.length * 32);
  return n >> (bits - 1n) ? n - (1n << bits) : n;
}

/** The 128-bit value at word `at` of an Arrow Decimal128 buffer, as a signed BigInt. */
export function readDecimal128(words: Uint32Array, at: number): bigint {
  let u = 0n;
  for (let k = 3; k >= 0; k--) u = (u << 32n) | BigInt(words[at + k]!);
  return u >= 1n << 127n ? u - (1n << 128n) : u;
}

/** `-12.50` from unscaled -1250 at scale 2: the text Trino would print. */
export function formatDecimal(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString();
  if (scale === 0) return negative ? `-${digits}` : digits;
  const padded = digits.padStart(scale + 1, '0');
  const text = `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
  return negative ? `-${text}` : text;
}
