// Which result the results panel shows, and where it came from. The panel holds one result;
// every follow-up the viewer asks for (chart aggregations, exports, pushed-down re-runs) must
// run where THAT result came from, never where an older one did. Kept free of the VS Code API
// so the rules are unit-tested.

/** A re-run in flight: what `startQuery` returns, reduced to what this needs. */
export interface RunningQuery<T> {
  done: Promise<T>;
  cancel(): Promise<void>;
}

interface Shown<S> {
  /** Undefined while an error is shown: there is nothing to chart or export. */
  source: S | undefined;
  /** The newest re-run of this result; only its outcome may be shown. */
  latest?: RunningQuery<unknown>;
  /** Whether `latest` is still running (and so worth cancelling). */
  running?: boolean;
}

export class ShownResult<S> {
  private shown: Shown<S> = { source: undefined };

  get source(): S | undefined {
    return this.shown.source;
  }

  /**
   * Another result (or an error: no source) replaces the shown one. A re-run of the old one
   * still in flight is cancelled: its rows would belong to a result no longer on screen.
   */
  replace(source: S | undefined): void {
    cancelRunning(this.shown);
    this.shown = { source };
  }

  /**
   * Re-runs the shown result's statement where it came from, cancelling an older re-run.
   * `onDone`/`onError` are called only while this is the newest re-run of the shown result, so
   * a late outcome never replaces a newer result. Returns false when there is nothing to re-run.
   */
  async rerun<T>(
    start: (source: S) => RunningQuery<T>,
    onDone: (outcome: T, source: S) => Promise<void> | void,
    onError: (error: unknown) => void,
  ): Promise<boolean> {
    const shown = this.shown;
    const source = shown.source;
    if (source === undefined) return false;
    cancelRunning(shown);
    const run = start(source);
    shown.latest = run;
    shown.running = true;
    const current = () => this.shown === shown && shown.latest === run;
    let outcome: T;
    try {
      outcome = await run.done;
    } catch (e) {
      if (current()) {
        shown.running = false;
        onError(e);
      }
      return true;
    }
    if (current()) {
      shown.running = false;
      await onDone(outcome, source);
    }
    return true;
  }
}

function cancelRunning(shown: Shown<unknown>): void {
  // The outcome of a cancelled run is dropped; a failure to cancel changes nothing shown.
  if (shown.running) void shown.latest?.cancel().catch(() => undefined);
  shown.running = false;
}
