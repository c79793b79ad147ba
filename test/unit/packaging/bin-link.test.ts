// `npx loch` on a fresh clone: npm links a package's bin only if its file exists when `npm ci`
// runs, so every bin must be a committed file, and the committed `loch` must say in one line how
// to build the CLI when the bundle is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '../../..');

test('every workspace bin is a file tracked by git', () => {
  const tracked = new Set(
    spawnSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).stdout.split('\n'),
  );
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const bins: string[] = [];
  for (const ws of workspaces as string[]) {
    const pkg = JSON.parse(readFileSync(join(root, ws, 'package.json'), 'utf8'));
    for (const file of Object.values<string>(pkg.bin ?? {})) bins.push(join(ws, file));
  }
  assert.deepEqual(bins, ['shared/bin/loch.mjs']);
  for (const bin of bins) assert.ok(tracked.has(bin), `${bin} is not committed`);
});

test('the loch bin without a built bundle exits 1 with one line naming the fix', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loch-bin-'));
  try {
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(root, 'shared/bin/loch.mjs'), join(dir, 'bin/loch.mjs'));
    const r = spawnSync(process.execPath, [join(dir, 'bin/loch.mjs'), 'status'], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'loch: the CLI is not built yet: run `npm run build` (or `npm start`) in the Loch checkout\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
