// The `.lochnb` SQL notebook file: JSON with cells (SQL or markdown). Outputs are not saved:
// they are Arrow results of a point in the lakehouse's history, re-run on open. Each code cell
// keeps its ref override and the ref hash + snapshot ids its last run read (`metadata.loch`).
// No `vscode` here.

export interface NotebookCellData {
  kind: 'sql' | 'markdown';
  source: string;
  metadata?: { loch?: CellProvenance & { ref?: string } };
}

export interface NotebookFile {
  loch: 1;
  cells: NotebookCellData[];
}

/** What a cell read: the ref and its commit hash, and each table's snapshot id. */
export interface CellProvenance {
  readRef?: string;
  refHash?: string;
  snapshots?: Record<string, string>;
  queryId?: string;
}

export class NotebookFormatError extends Error {
  override readonly name = 'NotebookFormatError';
}

export function parseNotebook(text: string): NotebookFile {
  if (text.trim() === '') return { loch: 1, cells: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new NotebookFormatError(`not a Loch notebook (invalid JSON: ${(e as Error).message})`);
  }
  const o = raw as { loch?: unknown; cells?: unknown };
  if (o?.loch !== 1 || !Array.isArray(o.cells))
    throw new NotebookFormatError('not a Loch notebook (expected {"loch": 1, "cells": [...]})');
  const cells = o.cells.map((c: unknown, i: number): NotebookCellData => {
    const cell = c as Partial<NotebookCellData>;
    if ((cell.kind !== 'sql' && cell.kind !== 'markdown') || typeof cell.source !== 'string') {
      throw new NotebookFormatError(
        `cell ${i + 1} needs "kind" ("sql" or "markdown") and "source"`,
      );
    }
    return cell.metadata
      ? { kind: cell.kind, source: cell.source, metadata: cell.metadata }
      : { kind: cell.kind, source: cell.source };
  });
  return { loch: 1, cells };
}

export function serializeNotebook(nb: NotebookFile): string {
  return `${JSON.stringify(nb, null, 2)}\n`;
}

/**
 * A cell's ref override: `-- ref: <name>` on its first line (visible and editable in the cell),
 * else `metadata.loch.ref`. Returns the SQL without that line.
 */
export function cellRef(source: string, metadataRef?: string): { ref?: string; sql: string } {
  const m = /^\s*--\s*ref\s*:\s*(\S+)\s*(?:\n|$)/i.exec(source);
  if (m) return { ref: m[1], sql: source.slice(m[0].length) };
  return { ref: metadataRef, sql: source };
}
