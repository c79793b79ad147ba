// The Node reader of Iceberg metadata files: `local:///` locations stay inside the lake root.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { localMetadataReader } from '../../../shared/src/platform/metadata-reader';

const dir = mkdtempSync(join(tmpdir(), 'loch-metadata-'));
const lake = join(dir, 'lake');
mkdirSync(join(lake, 'demo/orders/metadata'), { recursive: true });
writeFileSync(join(lake, 'demo/orders/metadata/00001.metadata.json'), '{"format-version":2}');
writeFileSync(join(dir, 'secret.json'), '{"outside":true}');
const read = localMetadataReader(() => ({ 'local.location': lake }));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a local:/// location is read under the lake root', async () => {
  assert.equal(
    await read('local:///demo/orders/metadata/00001.metadata.json'),
    '{"format-version":2}',
  );
});

test('a local:/// location that climbs out of the lake root is refused', async () => {
  await assert.rejects(read('local:///../secret.json'), {
    message: 'local:///../secret.json is outside the lake',
  });
});

test('a file: URL is read as it is; other schemes are not readable here', async () => {
  assert.equal(await read(pathToFileURL(join(dir, 'secret.json')).href), '{"outside":true}');
  await assert.rejects(read('s3://bucket/m.json'), {
    message: 'cannot read s3://bucket/m.json from here',
  });
});

test('without local.location a local:/// location cannot be resolved', async () => {
  await assert.rejects(localMetadataReader(() => ({}))('local:///m.json'), {
    message: 'cannot resolve local:///m.json: the lake has no local.location',
  });
});
