// The server extension's defaults (loch_jupyterlab/platform.py), run by the system Python:
// environment first, else the platform record `loch up` wrote, else the default ports; the
// lake catalog's properties from the record or, for older records, the rendered catalog file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const PLUGIN = resolve(import.meta.dirname, '../../../jupyterlab-plugin');

function defaults(env: Record<string, string>): Record<string, unknown> {
  const r = spawnSync(
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
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

test('no platform record: the default local ports', () => {
  const state = mkdtempSync(join(tmpdir(), 'loch-jl-state-'));
  assert.deepEqual(defaults({ LOCH_STATE_DIR: state }), {
    trinoUrl: 'http://127.0.0.1:18080',
    nessieUrl: 'http://127.0.0.1:19120/api/v2',
    source: 'default',
  });
});

test('a platform record: its URLs and its lake catalog', () => {
  const state = mkdtempSync(join(tmpdir(), 'loch-jl-state-'));
  writeFileSync(
    join(state, 'platform.json'),
    JSON.stringify({
      services: {
        trino: { url: 'http://127.0.0.1:28080' },
        nessie: { url: 'http://127.0.0.1:29120' },
      },
      lakeCatalog: { 'iceberg.catalog.type': 'nessie' },
    }),
  );
  assert.deepEqual(defaults({ LOCH_STATE_DIR: state }), {
    trinoUrl: 'http://127.0.0.1:28080',
    nessieUrl: 'http://127.0.0.1:29120/api/v2',
    source: join(state, 'platform.json'),
    lakeCatalog: { 'iceberg.catalog.type': 'nessie' },
  });
});

test('an older record: the lake catalog from the rendered catalog file, without connector.name', () => {
  const state = mkdtempSync(join(tmpdir(), 'loch-jl-state-'));
  writeFileSync(
    join(state, 'platform.json'),
    JSON.stringify({ services: { trino: { url: 'http://h:1' }, nessie: { url: 'http://h:2/' } } }),
  );
  mkdirSync(join(state, 'trino', 'etc', 'catalog'), { recursive: true });
  writeFileSync(
    join(state, 'trino', 'etc', 'catalog', 'lake.properties'),
    '# comment\nconnector.name=iceberg\niceberg.nessie-catalog.ref=main\nlocal.location=/x=y\n',
  );
  const d = defaults({ LOCH_STATE_DIR: state });
  assert.equal(d.nessieUrl, 'http://h:2/api/v2');
  assert.deepEqual(d.lakeCatalog, {
    'iceberg.nessie-catalog.ref': 'main',
    'local.location': '/x=y',
  });
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
