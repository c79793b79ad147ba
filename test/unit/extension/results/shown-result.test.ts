// The results panel's one-result rules: follow-ups run where the shown result came from, an
// error leaves nothing to chart or export, and a late re-run never replaces a newer result.
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

test('follow-ups use the newest result’s source; an error leaves none', () => {
  const shown = new ShownResult<string>();
  assert.equal(shown.source, undefined);
  shown.replace('profile A on main');
  assert.equal(shown.source, 'profile A on main');
  shown.replace('profile B on dev');
  assert.equal(shown.source, 'profile B on dev');
  shown.replace(undefined);
  assert.equal(shown.source, undefined);
});

test('a re-run runs where the shown result came from and shows its outcome', async () => {
  const shown = new ShownResult<string>();
  shown.replace('B');
  const run = new Run();
  const r = recorder();
  const sources: string[] = [];
  const p = shown.rerun((s) => (sources.push(s), run), r.onDone, r.onError);
  run.resolve('5 rows');
  assert.equal(await p, true);
  assert.deepEqual(sources, ['B']);
  assert.deepEqual(r.seen, ['done 5 rows from B']);
  assert.equal(run.cancelled, 0);
});

test('with an error shown there is nothing to re-run', async () => {
  const shown = new ShownResult<string>();
  shown.replace('A');
  shown.replace(undefined);
  const r = recorder();
  let started = 0;
  const ran = await shown.rerun(() => (started++, new Run()), r.onDone, r.onError);
  assert.equal(ran, false);
  assert.equal(started, 0);
  assert.deepEqual(r.seen, []);
});

test('a newer result cancels a re-run in flight and drops its outcome', async () => {
  const shown = new ShownResult<string>();
  shown.replace('A');
  const run = new Run();
  const r = recorder();
  const p = shown.rerun(() => run, r.onDone, r.onError);
  shown.replace('B');
  await p;
  assert.equal(run.cancelled, 1);
  assert.deepEqual(r.seen, []);
  assert.equal(shown.source, 'B');
});

test('a re-run that ends after a newer result is dropped, not shown', async () => {
  const shown = new ShownResult<string>();
  shown.replace('A');
  // A run that ignores cancel (the query had already finished on the server).
  const run = new Run();
  run.cancel = () => (run.cancelled++, Promise.resolve());
  const r = recorder();
  const p = shown.rerun(() => run, r.onDone, r.onError);
  shown.replace(undefined);
  run.resolve('late rows');
  await p;
  assert.equal(run.cancelled, 1);
  assert.deepEqual(r.seen, []);
});

test('a second re-run cancels the first; only the second’s outcome or error is reported', async () => {
  const shown = new ShownResult<string>();
  shown.replace('A');
  const first = new Run();
  const second = new Run();
  const r = recorder();
  const p1 = shown.rerun(() => first, r.onDone, r.onError);
  const p2 = shown.rerun(() => second, r.onDone, r.onError);
  second.reject(new Error('line 1:8: Column "x" cannot be resolved'));
  await Promise.all([p1, p2]);
  assert.equal(first.cancelled, 1);
  assert.equal(second.cancelled, 0);
  assert.deepEqual(r.seen, ['error line 1:8: Column "x" cannot be resolved']);
});

test('showing the re-run’s own outcome does not cancel it', async () => {
  const shown = new ShownResult<string>();
  shown.replace('A');
  const run = new Run();
  const p = shown.rerun(
    () => run,
    // The panel's onDone shows the outcome, which replaces the shown result with it.
    (_o, source) => shown.replace(source),
    () => assert.fail('no error expected'),
  );
  run.resolve('rows');
  await p;
  assert.equal(run.cancelled, 0);
  assert.equal(shown.source, 'A');
});
