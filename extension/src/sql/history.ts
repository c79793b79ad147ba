// Query history: what ran, where, how it ended. A plain store (persisted by the host through
// `save`), searchable by text, ref and outcome. No `vscode`.
export interface HistoryEntry {
  id: string;
  sql: string;
  profile: string;
  ref: string;
  startedAt: string;
  elapsedMs: number;
  outcome: 'ok' | 'error' | 'cancelled';
  rows?: number;
  queryId?: string;
  error?: string;
}

export class QueryHistory {
  private entries: HistoryEntry[];

  constructor(
    initial: readonly HistoryEntry[],
    private readonly maxEntries: number,
    private readonly save: (entries: HistoryEntry[]) => void | PromiseLike<void>,
  ) {
    this.entries = [...initial].slice(0, maxEntries);
  }

  /** Newest first. */
  all(): readonly HistoryEntry[] {
    return this.entries;
  }

  add(entry: HistoryEntry): void {
    this.entries = [entry, ...this.entries].slice(0, this.maxEntries);
    void this.save(this.entries);
  }

  clear(): void {
    this.entries = [];
    void this.save(this.entries);
  }

  /** Every word of the query must appear in the SQL, ref, profile, outcome or error. */
  search(query: string): HistoryEntry[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return this.entries.filter((e) => {
      const hay = `${e.sql}\n${e.ref}\n${e.profile}\n${e.outcome}\n${e.error ?? ''}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    });
  }
}
