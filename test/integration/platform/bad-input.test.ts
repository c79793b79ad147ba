import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runLoch } from '../../support/cli';

// Each case uses a fresh state folder, so it meets no running platform and must fail before
// starting anything: the folder holds no platform record afterwards.
const freshState = () => mkdtempSync(join(tmpdir(), 'loch-state-'));

test('no Java: one line saying what to install, nothing started', async () => {
  const state = freshState();
  const r = await runLoch(['up'], {
    LOCH_STATE_DIR: state,
    JAVA_HOME: '',
    LOCH_JAVA_HOME: '',
    LOCH_JVM_DIRS: '',
    PATH: '/usr/bin:/bin',
    LOCH_TRINO_PORT: '28380',
    LOCH_NESSIE_PORT: '29320',
  });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  // /usr/bin/java on these machines is Java 17, so it is named as found and refused.
  assert.match(
    r.stderr.trim(),
    /^loch: no Java 25 or later found( \(found Java \d+ at [^)]+\))?; install a Java 25 JDK/,
  );
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.equal(existsSync(join(state, 'platform.json')), false);
});

test('a busy port is reported with the flag that moves it', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const busy = (blocker.address() as { port: number }).port;
  try {
    const state = freshState();
    const r = await runLoch(['up', '--trino-port', String(busy), '--nessie-port', '29321'], {
      LOCH_STATE_DIR: state,
    });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr.trim().split('\n').at(-1),
      `loch: port ${busy} for Trino is busy; stop what listens there, or choose another with \`loch up --trino-port N\``,
    );
    assert.equal(existsSync(join(state, 'platform.json')), false);
  } finally {
    blocker.close();
  }
});

test('a second loch up while one is starting is refused', async () => {
  const state = freshState();
  // A live process holds the bring-up lock, as a starting `loch up` does.
  const holder = spawn('sleep', ['30']);
  try {
    writeFileSync(join(state, 'up.lock'), String(holder.pid));
    const r = await runLoch(['up'], {
      LOCH_STATE_DIR: state,
      LOCH_TRINO_PORT: '28381',
      LOCH_NESSIE_PORT: '29322',
    });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr.trim(),
      `loch: another \`loch up\` (pid ${holder.pid}) is starting the platform; wait for it to finish, then run \`loch status\``,
    );
  } finally {
    holder.kill();
  }
});

test('bad flags are usage errors with exit code 2', async () => {
  const r = await runLoch(['up', '--trino-port', 'abc']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim(), 'loch: --trino-port takes a port from 1 to 65535');
  const m = await runLoch(['up', '--mode', 'cloud']);
  assert.equal(m.code, 2);
  assert.equal(m.stderr.trim(), 'loch: --mode is local or kind, not cloud');
});
