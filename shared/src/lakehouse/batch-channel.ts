/**
 * Record batches produced once and read by any number of readers, each from the start: a host
 * may stream them to a grid while an export or a test reads them again. Holds what it was given
 * (a capped chunk of a result, so memory is bounded by the cap).
 */
import type { RecordBatch } from 'apache-arrow';

export class BatchChannel {
  private readonly items: RecordBatch[] = [];
  private closed = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void)[] = [];

  push(batch: RecordBatch): void {
    this.items.push(batch);
    this.notify();
  }

  close(): void {
    this.closed = true;
    this.notify();
  }

  /** Readers get the batches pushed so far, then `error`. */
  fail(error: unknown): void {
    this.failure = { error };
    this.close();
  }

  async *read(): AsyncGenerator<RecordBatch, void, undefined> {
    for (let i = 0; ;) {
      if (i < this.items.length) {
        yield this.items[i++]!;
        continue;
      }
      if (this.closed) {
        if (this.failure) throw this.failure.error;
        return;
      }
      await new Promise<void>((r) => this.wake.push(r));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = [];
    for (const w of wake) w();
  }
}
