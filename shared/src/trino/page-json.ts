// Trino writes bigint values as bare JSON numbers, and JSON.parse rounds any integer beyond 2^53.
// Pages are parsed with plain JSON.parse (the fast path); a decoder that meets an integer beyond
// 2^53 asks for the page again from `parsePageExact`, which first turns integers of 16 digits or
// more (the only ones that can exceed 2^53) into JSON strings that the bigint decoder reads
// exactly.
import type { QueryResults } from './protocol';

// A 16+ digit integer token right after `[`, `,` or `:` and right before `,`, `]` or `}`: never
// part of a double (those carry `.` or `E`) and never inside a string (those are skipped whole).
const LONG_INTEGER = /\d{16}/;
const STRING_OR_LONG_INTEGER = /"(?:[^"\\]|\\.)*"|(?<=[[,:])(-?\d{16,})(?=[,\]}])/g;

export function parsePage(text: string): QueryResults {
  return JSON.parse(text) as QueryResults;
}

/** A page with every integer of 16+ digits kept exact, as decimal text. */
export function parsePageExact(text: string): QueryResults {
  if (!LONG_INTEGER.test(text)) return JSON.parse(text) as QueryResults;
  const safe = text.replace(STRING_OR_LONG_INTEGER, (match, integer?: string) =>
    integer === undefined ? match : `"${integer}"`,
  );
  return JSON.parse(safe) as QueryResults;
}
