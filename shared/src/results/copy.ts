// A selected range as text with its header row: TSV (spreadsheets), CSV (RFC 4180) and a
// Markdown table. NULL becomes an empty field in TSV/CSV and `NULL` in Markdown.

export type CopyFormat = 'tsv' | 'csv' | 'markdown';

export interface TextRange {
  headers: string[];
  /** Cell texts, null for NULL. */
  rows: (string | null)[][];
}

/** One RFC 4180 field: quoted when it holds a comma, quote or line break; NULL is empty. */
export function csvField(v: string | null): string {
  if (v === null) return '';
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

// TSV has no quoting: tabs and line breaks inside a value become spaces so columns stay aligned.
function tsvField(v: string | null): string {
  return v === null ? '' : v.replace(/[\t\r\n]/g, ' ');
}

function markdownField(v: string | null): string {
  return v === null
    ? 'NULL'
    : v.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export function rangeText(range: TextRange, format: CopyFormat): string {
  const { headers, rows } = range;
  switch (format) {
    case 'tsv':
      return [headers, ...rows].map((r) => r.map(tsvField).join('\t')).join('\n');
    case 'csv':
      return [headers, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n');
    case 'markdown': {
      const line = (r: (string | null)[]) => `| ${r.map(markdownField).join(' | ')} |`;
      return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join(
        '\n',
      );
    }
  }
}
