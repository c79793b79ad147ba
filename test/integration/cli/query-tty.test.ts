// `loch query` in a terminal: progress on stderr while Trino works, wiped when the result is
// in, and never in the result itself. util-linux `script` gives the command a real pseudo-
// terminal; stdout goes to a file, as in `loch query ... > out.csv`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { trinoUrl } from '../../support/platform';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'loch-tty-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const sh = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Runs `loch query` with stderr on a pseudo-terminal; resolves with what the terminal showed. */
function inTerminal(args: string[], out: string): Promise<{ code: number; terminal: string }> {
  const loch = [process.execPath, '--import', 'tsx', join(root, 'shared/src/cli/main.ts')];
  const command = `${[...loch, ...args].map(sh).join(' ')} > ${sh(out)}`;
  return new Promise((done, fail) => {
    const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
      cwd: root,
      env: { ...process.env, LOCH_TRINO_URL: trinoUrl(), LOCH_USER: 'loch-test' },
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 120_000,
    });
    let terminal = '';
    child.stdout.on('data', (d) => (terminal += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, terminal }));
  });
}

// One progress line: `\r<state>[ <n>%]  <rows> rows  <seconds> s`, padded to 60 columns.
const PROGRESS =
  /\r(QUEUED|PLANNING|STARTING|RUNNING|FINISHING|FINISHED|FAILED)( \d+%)? {2}[\d,]+ rows {2}\d+\.\d s */g;
const WIPE = `\r${' '.repeat(60)}\r`;

test('a terminal sees progress while the query runs, then a clean line', async () => {
  const out = join(dir, 'count.csv');
  const r = await inTerminal(
    ['query', '--format', 'csv', 'SELECT count(*) AS n FROM tpch.sf1.lineitem'],
    out,
  );
  assert.equal(r.code, 0, JSON.stringify(r.terminal));
  assert.equal(readFileSync(out, 'utf8'), 'n\r\n6001215\r\n');
  const lines = r.terminal.match(PROGRESS) ?? [];
  assert.ok(lines.length >= 2, JSON.stringify(r.terminal));
  assert.ok(
    lines.some((l) => l.startsWith('\rRUNNING')),
    JSON.stringify(r.terminal),
  );
  // Progress lines, then the wipe, and nothing else on the terminal.
  assert.ok(r.terminal.endsWith(WIPE), JSON.stringify(r.terminal));
  assert.equal(r.terminal.replace(PROGRESS, '').replaceAll(WIPE, ''), '');
  // The rows shown only grow, though Trino's own count can step back at the end.
  const rows = lines.map((l) => Number(/ {2}([\d,]+) rows/.exec(l)![1]!.replaceAll(',', '')));
  assert.deepEqual(
    rows,
    [...rows].sort((a, b) => a - b),
  );
});

test('an error in a terminal wipes the progress line and takes its place', async () => {
  const r = await inTerminal(['query', 'SELECT count(*) FROM tpch.sf1.nope'], join(dir, 'x'));
  assert.equal(r.code, 1);
  const rest = r.terminal.replace(PROGRESS, '');
  assert.equal(
    rest,
    `${WIPE}loch: TABLE_NOT_FOUND at 1:22: Table 'tpch.sf1.nope' does not exist\r\n`,
  );
});
