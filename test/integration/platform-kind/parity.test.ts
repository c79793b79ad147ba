// Config parity between the two platforms: the files the running local test platform uses
// (rendered by `loch up` into its state folder) and the kind ConfigMaps (rendered into
// platform-manifests/base/rendered/, which kustomize turns into ConfigMaps byte for byte, see
// test/unit/platform/kind/parity.test.ts). Every setting exists on both sides, and every
// setting whose template has no ${placeholder} has the same value on both.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { configRoot, parseProperties, readModeValues } from '../../../shared/src/platform/config';
import { renderKindConfig } from '../../../shared/src/platform/kind/rendered-config';
import { resourceRoot } from '../../../shared/src/platform/paths';
import { readRecord } from '../../../shared/src/platform/state';

const resources = resourceRoot();
const kind = renderKindConfig(resources);

function localState(): string {
  const dir = process.env.LOCH_STATE_DIR;
  if (!dir) throw new Error('LOCH_STATE_DIR is not set: run through `npm test`');
  const record = readRecord(dir);
  if (!record) throw new Error(`no local platform record in ${dir}`);
  return record.stateDir;
}

const template = (rel: string) => readFileSync(join(configRoot(resources), rel), 'utf8');
const fixed = (text: string) =>
  Object.entries(parseProperties(text)).filter(([, v]) => !v.includes('${'));

/** Properties files: same keys, and the template's fixed values identical on both sides. */
function assertPropertiesAgree(
  templateText: string,
  local: string,
  kindText: string,
  expectOnlyOnOneSide: { local?: string[]; kind?: string[] } = {},
) {
  const l = parseProperties(local);
  const k = parseProperties(kindText);
  const onlyLocal = Object.keys(l).filter((key) => !(key in k));
  const onlyKind = Object.keys(k).filter((key) => !(key in l));
  assert.deepEqual(onlyLocal.sort(), (expectOnlyOnOneSide.local ?? []).sort());
  assert.deepEqual(onlyKind.sort(), (expectOnlyOnOneSide.kind ?? []).sort());
  for (const [key, value] of fixed(templateText)) {
    assert.equal(l[key], value, `local ${key}`);
    assert.equal(k[key], value, `kind ${key}`);
  }
}

describe('kind ConfigMaps agree with the running local platform', () => {
  test('Trino config.properties (coordinator)', () => {
    const local = readFileSync(join(localState(), 'trino', 'etc', 'config.properties'), 'utf8');
    assert.deepEqual(
      fixed(template('trino/config.properties')).map(([k]) => k),
      ['coordinator', 'catalog.management', 'catalog.store', 'shutdown.grace-period'],
    );
    assertPropertiesAgree(
      template('trino/config.properties'),
      local,
      kind.get('trino/coordinator/config.properties')!,
    );
  });

  test('Trino node.properties and log.properties', () => {
    for (const f of ['node.properties', 'log.properties']) {
      const local = readFileSync(join(localState(), 'trino', 'etc', f), 'utf8');
      assertPropertiesAgree(template(`trino/${f}`), local, kind.get(`trino/${f}`)!);
    }
  });

  test('Trino jvm.config: identical but for the heap size', () => {
    const local = readFileSync(join(localState(), 'trino', 'etc', 'jvm.config'), 'utf8');
    const k = kind.get('trino/jvm.config')!;
    const differing = (a: string, b: string) =>
      a.split('\n').filter((x) => !b.split('\n').includes(x));
    const heap = (mode: string) => `-Xmx${readModeValues(resources, mode)['trino.heap']}`;
    assert.deepEqual(differing(local, k), [heap('local')]);
    assert.deepEqual(differing(k, local), [heap('kind')]);
  });

  test('the lake catalog: the shared Iceberg/Nessie part agrees, storage is the flavour', () => {
    const local = readFileSync(
      join(localState(), 'trino', 'etc', 'catalog', 'lake.properties'),
      'utf8',
    );
    assertPropertiesAgree(
      template('trino/catalog/lake.properties'),
      local,
      kind.get('trino/catalog/lake.properties')!,
      {
        local: Object.keys(parseProperties(template('trino/storage/local.properties'))),
        kind: Object.keys(parseProperties(template('trino/storage/s3.properties'))),
      },
    );
    assert.equal(parseProperties(local)['iceberg.catalog.type'], 'nessie');
    for (const [key, value] of fixed(template('trino/storage/local.properties'))) {
      assert.equal(parseProperties(local)[key], value, key);
    }
    for (const [key, value] of fixed(template('trino/storage/s3.properties'))) {
      assert.equal(parseProperties(kind.get('trino/catalog/lake.properties')!)[key], value, key);
    }
  });

  test('the tpch catalog is the same file', () => {
    const local = readFileSync(
      join(localState(), 'trino', 'etc', 'catalog', 'tpch.properties'),
      'utf8',
    );
    assert.equal(local, kind.get('trino/catalog/tpch.properties'));
  });

  test('Nessie application.properties', () => {
    const local = readFileSync(
      join(localState(), 'nessie', 'config', 'application.properties'),
      'utf8',
    );
    assertPropertiesAgree(
      template('nessie/application.properties'),
      local,
      kind.get('nessie/application.properties')!,
    );
    assert.equal(
      parseProperties(kind.get('nessie/application.properties')!)['nessie.version.store.type'],
      'ROCKSDB',
    );
  });
});
