import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isAlive } from '../../../shared/src/platform/processes';
import { runLoch } from '../../support/cli';

// A platform of its own (own state folder and ports) so `loch down` can be tested without
// stopping the one the rest of the suite shares.
test(
  'loch up then loch down: stops exactly the processes it started',
  { timeout: 300_000 },
  async () => {
    const env = {
      LOCH_STATE_DIR: mkdtempSync(join(tmpdir(), 'loch-lifecycle-')),
      LOCH_TRINO_PORT: '28480',
      LOCH_NESSIE_PORT: '29420',
    };
    const up = await runLoch(['up'], env);
    assert.equal(up.code, 0, up.stderr);
    assert.equal(
      up.stdout,
      'The local platform is running.\nTrino   http://127.0.0.1:28480\nNessie  http://127.0.0.1:29420/api/v2\n',
    );
    const status = JSON.parse((await runLoch(['status', '--json'], env)).stdout);
    const pids = [status.services.trino.pid as number, status.services.nessie.pid as number];
    assert.deepEqual(
      [status.services.trino.state, status.services.nessie.state],
      ['running', 'running'],
    );
    assert.ok(pids.every(isAlive));

    const down = await runLoch(['down'], env);
    assert.equal(down.code, 0);
    assert.equal(down.stdout, 'The local platform is stopped.\n');
    assert.deepEqual(pids.map(isAlive), [false, false]);
    const after = JSON.parse((await runLoch(['status', '--json'], env)).stdout);
    assert.deepEqual(after.services, { trino: { state: 'stopped' }, nessie: { state: 'stopped' } });
    const again = await runLoch(['down'], env);
    assert.equal(again.stdout, 'The local platform was not running.\n');
  },
);
