// The @vscode/test-electron suite (the standard extension-author harness) where VS Code can be
// downloaded; elsewhere the test is reported as skipped with the reason.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { packagedVsix } from './support/workbench';

test('the @vscode/test-electron suite passes in a downloaded VS Code', (t) => {
  packagedVsix(); // builds dist/extension.cjs
  const r = spawnSync(
    process.execPath,
    [resolve(import.meta.dirname, '../../../extension/test-electron/run.mjs')],
    { encoding: 'utf8', timeout: 600_000 },
  );
  const skipped = /^SKIPPED: (.*)$/m.exec(r.stdout);
  if (skipped) {
    t.skip(skipped[1]);
    return;
  }
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
});
