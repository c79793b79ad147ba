// Which result a viewer shows, and where it came from. A viewer holds one result; every
// follow-up it asks for (chart aggregations, exports, pushed-down re-runs) names the result it
// is about and must run where THAT result came from: a follow-up about a result no longer
// shown is refused, never run on the newer result's session or ref.
import type { Schema } from 'apache-arrow';
import { baseResultId } from '../results/messages';
import type { ViewerSession } from './connector';

/** Where a result came from: the statement follow-ups wrap, and the ref they run on. */
export interface ResultOrigin {
  /** The statement whose rows are shown ('' when there is none, e.g. an Arrow file). */
  sql: string;
  /** The ref follow-ups run on; absent: the result cannot be queried again. */
  ref?: string;
  /** The session the result ran on, when not the connector's (a host with several connections). */
  session?: ViewerSession;
}

/** The shown result as a follow-up sees it. */
export interface ShownEntry {
  readonly id: string;
  /** Undefined while an error is shown: there is nothing to chart or export. */
  readonly origin: ResultOrigin | undefined;
  /** The result's schema, once its first batch (or its empty schema) arrived. */
  schema?: Schema;
}

interface Entry extends ShownEntry {
  /** The newest re-run of this result; only its rows may be shown. */
  rerun?: AbortController;
}

/** A re-run the shown result allowed: its signal aborts when a newer re-run or result comes. */
export interface RerunTicket {
  entry: ShownEntry;
  signal: AbortSignal;
  /** Whether this is still the newest re-run of the shown result. */
  current(): boolean;
  /** Ends the ticket: a later replace no longer needs to cancel it. */
  finish(): void;
}

export class ShownResult {
  private entry: Entry | undefined;

  /** The shown result if `resultId` (or a re-run of it, `<id>~n`) names it. */
  about(resultId: string): ShownEntry | undefined {
    const e = this.entry;
    return e && baseResultId(e.id) === baseResultId(resultId) ? e : undefined;
  }

  /** Whether the stream `resultId` still belongs to what is shown (a newer result drops it). */
  isShown(resultId: string): boolean {
    return this.about(resultId) !== undefined;
  }

  /**
   * Result `id` (an error: no origin) replaces the shown one. A re-run of the old one still in
   * flight is cancelled: its rows would belong to a result no longer on screen.
   */
  replace(id: string, origin: ResultOrigin | undefined): ShownEntry {
    this.entry?.rerun?.abort();
    this.entry = { id, origin };
    return this.entry;
  }

  /** Starts re-run `resultId` of the shown result, cancelling an older one; undefined if stale. */
  rerun(resultId: string): RerunTicket | undefined {
    const entry = this.entry;
    if (!entry || !this.about(resultId)) return undefined;
    entry.rerun?.abort();
    const ctl = new AbortController();
    entry.rerun = ctl;
    return {
      entry,
      signal: ctl.signal,
      current: () => this.entry === entry && entry.rerun === ctl,
      finish: () => {
        if (entry.rerun === ctl) entry.rerun = undefined;
      },
    };
  }

  dispose(): void {
    this.entry?.rerun?.abort();
    this.entry = undefined;
  }
}
