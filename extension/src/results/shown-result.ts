// Which result the results panel shows, and where it came from. The panel holds one result;
// every follow-up the viewer asks for (chart aggregations, exports, pushed-down re-runs) names
// the result it is about and must run where THAT result came from: a follow-up about a result
// no longer shown is refused, never run on the newer result's connection or ref. Kept free of
// the VS Code API so the rules are unit-tested.
import { baseResultId } from '@loch/core';

/** A re-run in flight: what `startQuery` returns, reduced to what this needs. */
export interface RunningQuery<T> {
  done: Promise<T>;
  cancel(): Promise<void>;
}

interface Shown<S> {
  /** The id the shown result streamed under (re-runs add `~n`; they share its source). */
  id?: string;
  /** Undefined while an error is shown: there is nothing to chart or export. */
  source: S | undefined;
  /** The newest re-run of this result; only its outcome may be shown. */
  latest?: RunningQuery<unknown>;
  /** Whether `latest` is still running (and so worth cancelling). */
  running?: boolean;
}

export class ShownResult<S> {
  private shown: Shown<S> = { source: undefined };

  /** The source of the result `resultId` names, if that result is the one shown. */
  sourceOf(resultId: string): S | undefined {
    const { id, source } = this.shown;
    return id !== undefined && baseResultId(id) === baseResultId(resultId) ? source : undefined;
  }

  /**
   * Another result `id` (or an error: no source) replaces the shown one. A re-run of the old one
   * still in flight is cancelled: its rows would belong to a result no longer on screen.
   */
  replace(id: string, source: S | undefined): void {
    cancelRunning(this.shown);
    this.shown = { id, source };
  }

  /**
   * Re-runs the shown result (`resultId` is the re-run's id) where it came from, cancelling an
   * older re-run. `onDone`/`onError` are called only while this is the newest re-run of the
   * shown result, so a late outcome never replaces a newer result; an error thrown by `onDone`
   * goes to `onError` too. Returns false when `resultId` is not about the shown result.
   */
  async rerun<T>(
    resultId: string,
    start: (source: S) => RunningQuery<T>,
    onDone: (outcome: T, source: S) => Promise<void> | void,
    onError: (error: unknown) => void,
  ): Promise<boolean> {
    const shown = this.shown;
    const source = this.sourceOf(resultId);
    if (source === undefined) return false;
    cancelRunning(shown);
    const run = start(source);
    shown.latest = run;
    shown.running = true;
    const current = () => this.shown === shown && shown.latest === run;
    try {
      const outcome = await run.done;
      if (!current()) return true;
      shown.running = false;
      await onDone(outcome, source);
    } catch (e) {
      // The newer result `onDone` showed counts as current: its own failure is reported.
      if (current() || this.shown.id === resultId) {
        shown.running = false;
        onError(e);
      }
    }
    return true;
  }
}

function cancelRunning(shown: Shown<unknown>): void {
  // The outcome of a cancelled run is dropped; a failure to cancel changes nothing shown.
  if (shown.running) void shown.latest?.cancel().catch(() => undefined);
  shown.running = false;
}
