// The results panel's one-result rules: follow-ups run where the result they name came from,
// an error leaves nothing to chart or export, and a late re-run never replaces a newer result.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShownResult, type RunningQuery } from '../../../../extension/src/results/shown-result';

/** A re-run whose outcome the test decides; `cancel` rejects it as the engine's cancel does. */
class Run implements RunningQuery<string> {
  cancelled = 0;
  resolve!: (v: string) => void;
  reject!: (e: Error) => void;
  readonly done = new Promise<string>((res, rej) => {
    this.resolve = res;
    this.reject = rej;
  });
  cancel(): Promise<void> {
    this.cancelled++;
    this.reject(new Error('the query was cancelled'));
    return Promise.resolve();
  }
}

function recorder() {
  const seen: string[] = [];
  return {
    seen,
    onDone: (o: string, source: string) => void seen.push(`done ${o} from ${source}`),
    onError: (e: unknown) => void seen.push(`error ${(e as Error).message}`),
  };
}

test('a follow-up runs where the result it names came from, never on a newer one', () => {
  const shown = new ShownResult<string>();
  assert.equal(shown.sourceOf('r1'), undefined);
  shown.replace('r1', 'profile A on main');
  assert.equal(shown.sourceOf('r1'), 'profile A on main');
  // A re-run of r1 (r1~3) belongs to r1.
  assert.equal(shown.sourceOf('r1~3'), 'profile A on main');
  shown.replace('r2', 'profile B on dev');
  // A chart query or export the viewer sent about r1 before r2 arrived: refused.
  assert.equal(shown.sourceOf('r1'), undefined);
  assert.equal(shown.sourceOf('r2'), 'profile B on dev');
  shown.replace('r3', undefined);
  assert.equal(shown.sourceOf('r3'), undefined);
  assert.equal(shown.sourceOf('r2'), undefined);
});

test('a re-run runs where the shown result came from and shows its outcome', async () => {
  const shown = new ShownResult<string>();
  shown.replace('r1', 'B');
  const run = new Run();
  const r = recorder();
  const sources: string[] = [];
  const p = shown.rerun('r1~1', (s) => (sources.push(s), run), r.onDone, r.onError);
  run.resolve('5 rows');
  assert.equal(await p, true);
  assert.deepEqual(sources, ['B']);
  assert.deepEqual(r.seen, ['done 5 rows from B']);
  assert.equal(run.cancelled, 0);
});

test('nothing is re-run for an error or for a result no longer shown', async () => {
  const shown = new ShownResult<string>();
  shown.replace('r1', 'A');
  shown.replace('r2', undefined);
  const r = recorder();
  let started = 0;
  const start = () => (started++, new Run());
  assert.equal(await shown.rerun('r2~1', start, r.onDone, r.onError), false);
  assert.equal(await shown.rerun('r1~1', start, r.onDone, r.onError), false);
  assert.equal(started, 0);
  assert.deepEqual(r.seen, []);
});

test('a newer result cancels a re-run in flight and drops its outcome', async () => {
  const shown = new ShownResult<string>();
  shown.replace('r1', 'A');
  const run = new Run();
  const r = recorder();
  const p = shown.rerun('r1~1', () => run, r.onDone, r.onError);
  shown.replace('r2', 'B');
  await p;
  assert.equal(run.cancelled, 1);
  assert.deepEqual(r.seen, []);
  assert.equal(shown.sourceOf('r2'), 'B');
});

test('a re-run that ends after a newer result is dropped, not shown', async () => {
  const shown = new ShownResult<string>();
  shown.replace('r1', 'A');
  // A run that ignores cancel (the query had already finished on the server).
  const run = new Run();
  run.cancel = () => (run.cancelled++, Promise.resolve());
  const r = recorder();
  const p = shown.rerun('r1~1', () => run, r.onDone, r.onError);
  shown.replace('r2', undefined);
  run.resolve('late rows');
  await p;
  assert.equal(run.cancelled, 1);
  assert.deepEqual(r.seen, []);
});

test('a second re-run cancels the first; only the second’s outcome or error is reported', async () => {
  const shown = new ShownResult<string>();
  shown.replace('r1', 'A');
  const first = new Run();
  const second = new Run();
  const r = recorder();
  const p1 = shown.rerun('r1~1', () => first, r.onDone, r.onError);
  const p2 = shown.rerun('r1~2', () => second, r.onDone, r.onError);
  second.reject(new Error('line 1:8: Column "x" cannot be resolved'));
  await Promise.all([p1, p2]);
  assert.equal(first.cancelled, 1);
  assert.equal(second.cancelled, 0);
  assert.deepEqual(r.seen, ['error line 1:8: Column "x" cannot be resolved']);
});

test('showing the re-run’s own outcome does not cancel it; a failure showing it is reported', async () => {
  const shown = new ShownResult<string>();
  shown.replace('r1', 'A');
  const run = new Run();
  const r = recorder();
  const p = shown.rerun(
    'r1~1',
    () => run,
    // The panel's onDone shows the outcome (replacing the shown result with the re-run), then
    // something on the way fails (revealing the panel, say).
    (_o, source) => {
      shown.replace('r1~1', source);
      throw new Error('cannot reveal the panel');
    },
    r.onError,
  );
  run.resolve('rows');
  await p;
  assert.equal(run.cancelled, 0);
  assert.equal(shown.sourceOf('r1~1'), 'A');
  assert.deepEqual(r.seen, ['error cannot reveal the panel']);
});
