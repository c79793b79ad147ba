// The terminal table writer of `loch query`; CSV and JSON come from results/text-writers.ts,
// shared with the viewer's exports.
import type { Schema } from 'apache-arrow';
import { batchRows } from '../../arrow/values';
import { cellText } from '../../results/cell-text';
import { fieldKindOfArrowType } from '../../charts/infer';
import type { ResultWriter } from '../../results/text-writers';

/** Terminal text: one visible line per cell, control characters shown as escapes. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;
function visible(s: string): string {
  return s.replace(CONTROL, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** Width in terminal columns, counting East Asian wide characters as two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u.test(
        ch,
      )
        ? 2
        : cp === 0x200b
          ? 0
          : 1;
  }
  return w;
}

/**
 * A readable table like Trino's CLI prints: a header, a rule, right-aligned numbers, NULL for
 * SQL NULL, and the row count. Rows are held until the end to size the columns.
 */
export function tableWriter(write: (text: string) => void): ResultWriter {
  let schema: Schema;
  const rows: string[][] = [];
  let numeric: boolean[] = [];
  return {
    start(s) {
      schema = s;
      // Measures (numbers) are right-aligned, the same columns a chart treats as measures.
      numeric = s.fields.map((f) => fieldKindOfArrowType(f.type) === 'quantitative');
    },
    batch(batch) {
      for (const row of batchRows(batch)) rows.push(row.map((v) => visible(cellText(v) ?? 'NULL')));
    },
    end() {
      const names = schema.fields.map((f) => f.name);
      const widths = names.map((n, c) =>
        Math.max(displayWidth(n), ...rows.map((r) => displayWidth(r[c]!))),
      );
      const pad = (s: string, c: number, right: boolean) => {
        const fill = ' '.repeat(widths[c]! - displayWidth(s));
        return right ? fill + s : s + fill;
      };
      let out = '';
      if (names.length) {
        out += ` ${names.map((n, c) => pad(n, c, false)).join(' | ')}`.trimEnd() + '\n';
        out += `${widths.map((w) => '-'.repeat(w + 2)).join('+')}\n`;
        for (const r of rows) {
          out += ` ${r.map((v, c) => pad(v, c, numeric[c]!)).join(' | ')}`.trimEnd() + '\n';
        }
      }
      out += `(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})\n`;
      write(out);
    },
  };
}
