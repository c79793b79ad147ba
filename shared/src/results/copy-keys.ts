// Keyboard shortcuts for copying a selection: Ctrl/Cmd+C TSV (what spreadsheets paste),
// Ctrl/Cmd+Shift+C CSV, Ctrl/Cmd+Alt+C Markdown.
import type { CopyFormat } from './copy';

export type { CopyFormat };

export function copyFormatFor(e: KeyboardEvent): CopyFormat | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'c') return undefined;
  if (e.altKey) return 'markdown';
  return e.shiftKey ? 'csv' : 'tsv';
}
