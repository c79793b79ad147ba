import { isSafeNumber, parse } from 'lossless-json';

/**
 * JSON with 64-bit integers kept exact: numbers a JavaScript number cannot hold (Iceberg
 * snapshot ids) become decimal strings, all others plain numbers.
 */
export function parseJsonExact(text: string): unknown {
  return parse(text, null, (value: string) => (isSafeNumber(value) ? Number(value) : value));
}
