// `npm test`: the whole suite in one node:test run, with the real local platform started once.
//   npm test                     unit, integration and end-to-end tests
//   npm test -- unit             only test/unit (no platform)
//   npm test -- integration e2e  those folders
//   npm test -- test/unit/x.test.ts   one file (starts the platform when outside test/unit)
// The platform for tests lives in .loch-test/ on its own ports, so it never touches a user's
// `loch up`. A platform the run started is stopped at the end; one already running is reused.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureDebianPackages, ensureDeps } from './ensure-deps.mjs';

process.chdir(resolve(import.meta.dirname, '..'));
ensureDeps();

const args = process.argv.slice(2);
const suites = ['unit', 'integration', 'e2e'];
const chosen = args.length ? args : suites;

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.test.ts'))
    .map((d) => join(d.parentPath ?? d.path, d.name))
    .sort();
}

// A suite name, a folder (all its *.test.ts) or a file.
const files = chosen.flatMap((a) => {
  if (suites.includes(a)) return testFiles(join('test', a));
  if (existsSync(a) && statSync(a).isDirectory()) return testFiles(a);
  return [a];
});
if (files.length === 0) {
  console.error(`no test files for: ${chosen.join(' ')}`);
  process.exit(1);
}

// Debian packages: python3-venv (JupyterLab, moto) and openssl (TLS certificates) for tests on
// the platform; Chromium (the browser) and libkrb5-dev (code-server's native build) end to end.
const inSuite = (suite) => files.some((f) => f.startsWith(join('test', suite)));
ensureDebianPackages(
  [
    ...(files.some((f) => !f.startsWith(join('test', 'unit'))) ? ['python3-venv', 'openssl'] : []),
    ...(inSuite('e2e') ? ['chromium', 'libkrb5-dev'] : []),
  ],
  'the tests',
);

const env = {
  ...process.env,
  LOCH_STATE_DIR: process.env.LOCH_TEST_STATE_DIR ?? resolve('.loch-test/state'),
  LOCH_TRINO_PORT: process.env.LOCH_TEST_TRINO_PORT ?? '28080',
  LOCH_NESSIE_PORT: process.env.LOCH_TEST_NESSIE_PORT ?? '29120',
};
const loch = (...a) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'shared/src/cli/main.ts', ...a], {
    env,
    encoding: 'utf8',
  });

let results = { pass: 0, fail: 0 };
let startedPlatform = false;
const needsPlatform = files.some((f) => !f.startsWith(join('test', 'unit')));

if (needsPlatform) {
  const before = JSON.parse(loch('status', '--json').stdout || '{}');
  const wasRunning =
    before.services?.trino?.state === 'running' && before.services?.nessie?.state === 'running';
  console.error(
    wasRunning
      ? 'reusing the running test platform'
      : 'starting the test platform (loch up --seed) ...',
  );
  const up = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'shared/src/cli/main.ts', 'up', '--seed'],
    {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (up.status !== 0) {
    console.error('the test platform did not start; integration and e2e tests cannot run');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  startedPlatform = !wasRunning;
  const status = JSON.parse(loch('status', '--json').stdout);
  env.LOCH_TRINO_URL = status.services.trino.url;
  env.LOCH_NESSIE_URL = `${status.services.nessie.url}/api/v2`;
}

mkdirSync('.loch-test', { recursive: true });
const tapFile = resolve(`.loch-test/results-${process.pid}.tap`);
rmSync(tapFile, { force: true });
const run = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ],
  { env, stdio: 'inherit' },
);

if (existsSync(tapFile)) {
  const tap = readFileSync(tapFile, 'utf8');
  const count = (k) => Number((new RegExp(`^# ${k} (\\d+)$`, 'm').exec(tap) ?? [])[1] ?? 0);
  results = { pass: count('pass'), fail: count('fail') + count('cancelled') };
  rmSync(tapFile, { force: true });
}
if (startedPlatform && !process.env.LOCH_TEST_KEEP_PLATFORM) {
  loch('down');
}
if (run.status !== 0 && results.fail === 0) results.fail = 1;
console.log(`${results.pass} passed, ${results.fail} failed`);
process.exit(results.fail > 0 || run.status !== 0 ? 1 : 0);
