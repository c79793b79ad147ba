import assert from 'node:assert/strict';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  appendFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { runLoch } from '../../support/cli';

const root = resolve(import.meta.dirname, '../../..');

/** Pids of live processes whose command line mentions `marker`. */
function processesMentioning(marker: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

// A Trino that cannot start (an unknown property in its config) must not leave Nessie, which
// started beside it, running: `loch up` stops what it started and says why in one line.
test('a server that fails to start leaves nothing running', { timeout: 240_000 }, async () => {
  const resources = mkdtempSync(join(tmpdir(), 'loch-resources-'));
  cpSync(join(root, 'platform-manifests'), join(resources, 'platform-manifests'), {
    recursive: true,
  });
  cpSync(join(root, 'samples'), join(resources, 'samples'), { recursive: true });
  appendFileSync(
    join(resources, 'platform-manifests/config/trino/config.properties'),
    'no.such.property=1\n',
  );
  const state = mkdtempSync(join(tmpdir(), 'loch-failing-'));

  const r = await runLoch(['up'], {
    LOCH_RESOURCES: resources,
    LOCH_STATE_DIR: state,
    LOCH_TRINO_PORT: '28680',
    LOCH_NESSIE_PORT: '29620',
  });
  assert.equal(r.code, 1);
  const last = r.stderr.trim().split('\n').at(-1)!;
  assert.match(
    last,
    /^loch: Trino exited while starting: .*; read .*trino\.log for the whole story$/,
  );
  assert.match(readFileSync(join(state, 'logs', 'trino.log'), 'utf8'), /no\.such\.property/);
  assert.deepEqual(processesMentioning(state), []);
  assert.equal(existsSync(join(state, 'platform.json')), false);
});
