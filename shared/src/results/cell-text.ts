// Exact Arrow values as text (terminal table, CSV) and as JSON values, printed the way Trino
// prints them: temporal values and decimals keep their exact text. Every CSV and JSON Loch
// writes (`loch query`, the viewer's exports in VS Code and JupyterLab) goes through here.
import { Type, type DataType, type Field, type Struct } from 'apache-arrow';
import { ExactMap, hex, type ExactValue } from '../arrow/values';
import { bytesToBase64 } from '../text/base64';

function numberText(n: number): string {
  return Number.isFinite(n)
    ? String(n)
    : Number.isNaN(n)
      ? 'NaN'
      : n > 0
        ? 'Infinity'
        : '-Infinity';
}

/** A value as one piece of text: NULL as `null` (the caller picks how to show it). */
export function cellText(v: ExactValue, nested = false): string | null {
  if (v === null) return nested ? 'NULL' : null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return hex(v);
  if (Array.isArray(v)) return `[${v.map((x) => cellText(x, true)).join(', ')}]`;
  if (v instanceof ExactMap) {
    return `{${v.entries.map(([k, x]) => `${cellText(k, true)}=${cellText(x, true)}`).join(', ')}}`;
  }
  return `{${Object.entries(v)
    .map(([k, x]) => `${k}=${cellText(x, true)}`)
    .join(', ')}}`;
}

/** Digits a double holds exactly: decimals up to this precision are written as JSON numbers. */
const EXACT_DOUBLE_DIGITS = 15;

/**
 * A value as JSON: 64-bit integers beyond 2^53 and decimals wider than 15 digits as strings
 * (JavaScript numbers cannot hold them), NaN and ±Infinity as strings, bytes as base64. Objects
 * are built with Object.fromEntries, so a key named `__proto__` is kept as a key.
 */
export function jsonValue(v: ExactValue, type: DataType): unknown {
  if (v === null) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? v : numberText(v);
  if (typeof v === 'string') {
    if (
      type.typeId === Type.Decimal &&
      (type as unknown as { precision: number }).precision <= EXACT_DOUBLE_DIGITS
    ) {
      return Number(v);
    }
    return v;
  }
  if (typeof v === 'boolean') return v;
  if (v instanceof Uint8Array) return bytesToBase64(v);
  if (Array.isArray(v)) {
    const item = (type.children?.[0] as Field | undefined)?.type ?? type;
    return v.map((x) => jsonValue(x, item));
  }
  if (v instanceof ExactMap) {
    const [k, val] = ((type.children[0] as Field).type as Struct).children;
    return Object.fromEntries(
      v.entries.map(([key, x]) => [String(jsonValue(key, k!.type)), jsonValue(x, val!.type)]),
    );
  }
  const fields = (type.children ?? []) as Field[];
  return Object.fromEntries(fields.map((f) => [f.name, jsonValue(v[f.name] ?? null, f.type)]));
}
