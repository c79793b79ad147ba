// `loch up --mode kind` where Docker is not running (as on this project's CI): one line, at
// once, and nothing left behind. Skipped where a Docker engine answers, since the test would
// then create a real cluster.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { findProgram } from '../../../shared/src/platform/kind/tools';
import { runLoch } from '../../support/cli';

function dockerAnswers(): boolean {
  const docker = findProgram('docker');
  if (!docker) return false;
  try {
    execFileSync(docker, ['info'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

const state = mkdtempSync(join(tmpdir(), 'loch-kind-state-'));
const env = { LOCH_STATE_DIR: state };

describe(
  'the kind mode without Docker',
  { skip: dockerAnswers() && 'Docker is running here' },
  () => {
    after(() => rmSync(state, { recursive: true, force: true }));

    test('loch up --mode kind fails with one line saying Docker is missing', async (t) => {
      const started = Date.now();
      const r = await runLoch(['up', '--mode', 'kind'], env, 60_000);
      t.diagnostic(`answered in ${Date.now() - started} ms`);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(
        lines[0]!,
        /^loch: Docker is not (running|installed), and the kind platform runs in Docker; .*`loch up` \(local mode\)$/,
      );
      assert.equal(existsSync(join(state, 'kind', 'record.json')), false);
    });

    test('without a docker program at all, the line says it is not installed', async () => {
      const docker = findProgram('docker');
      const path = (process.env.PATH ?? '')
        .split(delimiter)
        .filter((d) => !docker || !docker.startsWith(`${d}/`))
        .join(delimiter);
      const r = await runLoch(['up', '--mode', 'kind'], { ...env, PATH: path }, 60_000);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        'loch: Docker is not installed, and the kind platform runs in Docker; install and start Docker, or use `loch up` (local mode)\n',
      );
    });

    test('a context Loch did not create is refused before anything is applied', async () => {
      const r = await runLoch(['up', '--mode', 'kind', '--context', 'prod-eu'], env, 60_000);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        'loch: kube context prod-eu was not created by Loch; pass --allow-foreign-context to apply the platform there anyway\n',
      );
    });

    test('status and down report that nothing is up', async () => {
      const s = await runLoch(['status', '--mode', 'kind', '--json'], env, 60_000);
      assert.equal(s.code, 0);
      assert.deepEqual(JSON.parse(s.stdout), {
        mode: 'kind',
        up: false,
        services: {
          trino: { state: 'stopped' },
          nessie: { state: 'stopped' },
          s3: { state: 'stopped' },
        },
      });
      const d = await runLoch(['down', '--mode', 'kind'], env, 60_000);
      assert.equal(d.code, 0);
      assert.equal(d.stdout, 'The kind platform was not running.\n');
    });

    test('an unknown add-on is a usage error', async () => {
      const r = await runLoch(
        ['up', '--mode', 'kind', '--addons', 'autoscaling,spark'],
        env,
        60_000,
      );
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^loch: --addons takes autoscaling, streaming, elt; not spark\n/);
    });
  },
);
