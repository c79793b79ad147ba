/**
 * Query history: what ran, on which ref and at which commit, and how it ended. One entry per
 * statement the session ran, newest first. A plain store: the host persists it through `save`
 * (VS Code's global state, JupyterLab's state database); the CLI keeps it in memory.
 */
import type { QueryStatus } from './query-run';

export interface HistoryEntry {
  id: string;
  sql: string;
  /** The ref it ran on; '' when it ran in an explicit catalog rather than on a ref. */
  ref: string;
  /** The ref's head when the statement was sent (see `QueryOutcome.pin`). */
  refHash?: string;
  catalog: string;
  queryId?: string;
  status: QueryStatus;
  /** Rows delivered to the caller. */
  rows: number;
  moreRows?: boolean;
  totalRows?: number;
  updateType?: string;
  updateCount?: number;
  startedAt: string;
  elapsedMs: number;
  error?: string;
  /** Who ran it (`editor`, `notebook`, `cli`...), as the caller named itself. */
  source?: string;
}

export interface QueryHistoryOptions {
  maxEntries: number;
  initial?: readonly HistoryEntry[];
  /** Called with all entries after every change; the host persists them. */
  save?(entries: HistoryEntry[]): void;
}

export class QueryHistory {
  private entries: HistoryEntry[];
  private readonly listeners = new Set<(entries: readonly HistoryEntry[]) => void>();

  constructor(private readonly options: QueryHistoryOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 0) {
      throw new RangeError(`history maxEntries is a whole number >= 0, not ${options.maxEntries}`);
    }
    this.entries = [...(options.initial ?? [])].slice(0, options.maxEntries);
  }

  /** Newest first. */
  all(): readonly HistoryEntry[] {
    return this.entries;
  }

  get(id: string): HistoryEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  add(entry: HistoryEntry): void {
    this.entries = [entry, ...this.entries].slice(0, this.options.maxEntries);
    this.changed();
  }

  clear(): void {
    this.entries = [];
    this.changed();
  }

  /** Every word of `query` appears in the entry's SQL, ref, status, source or error. */
  search(query: string): HistoryEntry[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return this.entries.filter((e) => {
      const hay =
        `${e.sql}\n${e.ref}\n${e.status}\n${e.source ?? ''}\n${e.error ?? ''}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    });
  }

  onDidChange(listener: (entries: readonly HistoryEntry[]) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    this.options.save?.(this.entries);
    for (const l of [...this.listeners]) l(this.entries);
  }
}
