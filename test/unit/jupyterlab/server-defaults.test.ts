// The server extension's defaults (loch_jupyterlab/platform.py), run by the system Python:
// environment first, else the platform record `loch up` wrote, else the default ports. The
// record is read as written, and one of another or no schemaVersion is refused in one line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const PLUGIN = resolve(import.meta.dirname, '../../../jupyterlab-plugin');

function run(env: Record<string, string>) {
  return spawnSync(
    'python3',
    [
      '-c',
      'import json; from loch_jupyterlab.platform import platform_defaults as d; print(json.dumps(d()))',
    ],
    {
      cwd: PLUGIN,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...env },
    },
  );
}

function defaults(env: Record<string, string>): Record<string, unknown> {
  const r = run(env);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** The PlatformRecordError's message (what /loch/config answers with, status 409). */
function failure(env: Record<string, string>): string {
  const r = run(env);
  assert.notEqual(r.status, 0, 'expected a PlatformRecordError');
  const last = r.stderr.trim().split('\n').at(-1)!;
  assert.match(last, /^loch_jupyterlab\.platform\.PlatformRecordError: /);
  return last.replace(/^loch_jupyterlab\.platform\.PlatformRecordError: /, '');
}

test('no platform record: the default local ports', () => {
  const state = mkdtempSync(join(tmpdir(), 'loch-jl-state-'));
  assert.deepEqual(defaults({ LOCH_STATE_DIR: state }), {
    trinoUrl: 'http://127.0.0.1:18080',
    nessieUrl: 'http://127.0.0.1:19120/api/v2',
    source: 'default',
  });
});

/** A record as `loch up` writes it (shared/src/platform/state.ts PlatformRecord). */
function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 2,
    mode: 'local',
    phase: 'running',
    services: {
      trino: { url: 'http://127.0.0.1:28080' },
      nessie: { url: 'http://127.0.0.1:29120' },
    },
    trinoUrl: 'http://127.0.0.1:28080',
    nessieApiUrl: 'http://127.0.0.1:29120/api/v2',
    lakeCatalog: { name: 'lake', properties: { 'iceberg.catalog.type': 'nessie' } },
    defaultRef: 'main',
    ...overrides,
  };
}

function stateWith(text: string): string {
  const state = mkdtempSync(join(tmpdir(), 'loch-jl-state-'));
  writeFileSync(join(state, 'platform.json'), text);
  return state;
}

test('a platform record: its URLs, lake catalog and default ref, read as written', () => {
  const state = stateWith(JSON.stringify(record({ defaultRef: 'dev' })));
  assert.deepEqual(defaults({ LOCH_STATE_DIR: state }), {
    trinoUrl: 'http://127.0.0.1:28080',
    nessieUrl: 'http://127.0.0.1:29120/api/v2',
    source: join(state, 'platform.json'),
    lakeCatalogName: 'lake',
    lakeCatalog: { 'iceberg.catalog.type': 'nessie' },
    defaultRef: 'dev',
  });
});

test('a record without a schemaVersion (an older Loch): one line, nothing guessed', () => {
  const state = stateWith(JSON.stringify(record({ schemaVersion: undefined })));
  assert.equal(
    failure({ LOCH_STATE_DIR: state }),
    `the platform record ${join(state, 'platform.json')} has no schemaVersion; this Loch reads version 2; run \`loch down\`, then \`loch up\` with this Loch`,
  );
});

test('a record of an unknown version, or not JSON: one line naming it', () => {
  const future = stateWith(JSON.stringify(record({ schemaVersion: 3 })));
  assert.match(
    failure({ LOCH_STATE_DIR: future }),
    /^the platform record \S+platform\.json has schemaVersion 3; this Loch reads version 2; /,
  );
  const garbled = stateWith('{"schemaVersion": 2,');
  assert.equal(
    failure({ LOCH_STATE_DIR: garbled }),
    `the platform record ${join(garbled, 'platform.json')} is not JSON; run \`loch down\`, then \`loch up\` with this Loch`,
  );
});

test('with LOCH_TRINO_URL and LOCH_NESSIE_URL, a record still gives its lake catalog', () => {
  const state = stateWith(JSON.stringify(record()));
  const d = defaults({
    LOCH_STATE_DIR: state,
    LOCH_TRINO_URL: 'http://127.0.0.1:1',
    LOCH_NESSIE_URL: 'http://127.0.0.1:2/api/v2',
  });
  assert.equal(d.source, 'environment');
  assert.equal(d.trinoUrl, 'http://127.0.0.1:1');
  assert.deepEqual(d.lakeCatalog, { 'iceberg.catalog.type': 'nessie' });
});

test('LOCH_TRINO_URL and LOCH_NESSIE_URL win over the record', () => {
  const state = mkdtempSync(join(tmpdir(), 'loch-jl-state-'));
  const d = defaults({
    LOCH_STATE_DIR: state,
    LOCH_TRINO_URL: 'https://trino.example.com',
    LOCH_NESSIE_URL: 'https://nessie.example.com/api/v2',
  });
  assert.deepEqual(d, {
    trinoUrl: 'https://trino.example.com',
    nessieUrl: 'https://nessie.example.com/api/v2',
    source: 'environment',
  });
});
