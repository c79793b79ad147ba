// The host's side of the core's query history: the entries live in VS Code's global state, so
// every session (one per connection, each with its own `QueryHistory`) starts from what the
// previous ones ran and a new window lists the same history. No `vscode` here: the state is
// reached through the two Memento methods used.
import { QueryHistory, type HistoryEntry } from '@loch/core';

/** The part of `vscode.Memento` the store uses. */
export interface HistoryMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const HISTORY_KEY = 'loch.history';

const STATUSES = new Set(['finished', 'capped', 'cancelled', 'failed']);

/**
 * Whether a stored value is one of the core's entries. Entries written by earlier versions
 * (`outcome: 'ok'`, no `status`) are dropped: they cannot be re-run on a recorded ref.
 */
export function isHistoryEntry(v: unknown): v is HistoryEntry {
  const e = v as Partial<HistoryEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.id === 'string' &&
    typeof e.sql === 'string' &&
    typeof e.ref === 'string' &&
    typeof e.startedAt === 'string' &&
    typeof e.status === 'string' &&
    STATUSES.has(e.status)
  );
}

export class HistoryStore {
  private readonly listeners = new Set<() => void>();
  private detachedHistory: QueryHistory | undefined;

  constructor(
    private readonly memento: HistoryMemento,
    readonly maxEntries: number,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 0) {
      throw new RangeError(`loch.history.maxEntries is a whole number >= 0, not ${maxEntries}`);
    }
  }

  /** The stored entries, newest first. */
  load(): HistoryEntry[] {
    const stored = this.memento.get<unknown>(HISTORY_KEY);
    return Array.isArray(stored) ? stored.filter(isHistoryEntry) : [];
  }

  /** The `history` option of a new `LakehouseSession`: starts from, and saves to, this store. */
  sessionOptions(): {
    maxEntries: number;
    initial: HistoryEntry[];
    save(entries: HistoryEntry[]): void;
  } {
    this.detachedHistory = undefined;
    return { maxEntries: this.maxEntries, initial: this.load(), save: (e) => this.save(e) };
  }

  /** The history shown while no session exists (not connected): the stored entries. */
  detached(): QueryHistory {
    this.detachedHistory ??= new QueryHistory(this.sessionOptions());
    return this.detachedHistory;
  }

  /** Called after every saved change (a run, a clear), whichever session made it. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private save(entries: HistoryEntry[]): void {
    void this.memento.update(HISTORY_KEY, entries);
    for (const l of [...this.listeners]) l();
  }
}
