// Trino writes bigint values as bare JSON numbers, and JSON.parse rounds any integer beyond 2^53.
// Integers of 16 digits or more (the only ones that can exceed 2^53) are turned into JSON
// strings before parsing, which the bigint decoder reads exactly. The check is one regular
// expression test over the page; only pages that have such a number pay for the rewrite.
import type { QueryResults } from './protocol';

// A 16+ digit integer token right after `[`, `,` or `:` and right before `,`, `]` or `}`: never
// part of a double (those carry `.` or `E`) and never inside a string (those are skipped whole).
const LONG_INTEGER = /(?<=[[,:])-?\d{16,}(?=[,\]}])/;
const STRING_OR_LONG_INTEGER = /"(?:[^"\\]|\\.)*"|(?<=[[,:])(-?\d{16,})(?=[,\]}])/g;

export function parsePage(text: string): QueryResults {
  if (!LONG_INTEGER.test(text)) return JSON.parse(text) as QueryResults;
  const safe = text.replace(STRING_OR_LONG_INTEGER, (match, integer?: string) =>
    integer === undefined ? match : `"${integer}"`,
  );
  return JSON.parse(safe) as QueryResults;
}
