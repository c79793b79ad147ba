// The platform record's versioned schema (shared/src/platform/state.ts): read as written, and a
// record of another or no schemaVersion refused in one line; `loch down` can still find the
// processes an older record names.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { errorLine } from '../../../shared/src/errors';
import { PlatformError } from '../../../shared/src/platform/errors';
import {
  PLATFORM_RECORD_VERSION,
  readRecord,
  readRecordPids,
  type PlatformRecord,
} from '../../../shared/src/platform/state';

function stateWith(text?: string): string {
  const state = mkdtempSync(join(tmpdir(), 'loch-state-'));
  if (text !== undefined) writeFileSync(join(state, 'platform.json'), text);
  return state;
}

const record: PlatformRecord = {
  schemaVersion: PLATFORM_RECORD_VERSION,
  mode: 'local',
  phase: 'running',
  startedAt: '2026-12-03T12:00:00.000Z',
  stateDir: '/s',
  services: {
    trino: { pid: 11, port: 28080, url: 'http://127.0.0.1:28080', log: '/s/logs/trino.log' },
    nessie: { pid: 12, port: 29120, url: 'http://127.0.0.1:29120', log: '/s/logs/nessie.log' },
  },
  trinoUrl: 'http://127.0.0.1:28080',
  nessieApiUrl: 'http://127.0.0.1:29120/api/v2',
  lakeCatalog: { name: 'lake', properties: { 'iceberg.catalog.type': 'nessie' } },
  defaultRef: 'main',
};

test('no record: undefined; a current record: read as written', () => {
  assert.equal(readRecord(stateWith()), undefined);
  assert.equal(PLATFORM_RECORD_VERSION, 2);
  assert.deepEqual(readRecord(stateWith(JSON.stringify(record))), record);
});

test('a record without schemaVersion (an older Loch) is refused in one line', () => {
  const old: Partial<PlatformRecord> = { ...record };
  delete old.schemaVersion;
  const state = stateWith(JSON.stringify(old));
  const err = (() => {
    try {
      readRecord(state);
    } catch (e) {
      return e;
    }
  })();
  assert.ok(err instanceof PlatformError);
  assert.equal(err.code, 'bad-record');
  assert.equal(
    errorLine(err),
    `the platform record ${join(state, 'platform.json')} has no schemaVersion; this Loch reads version 2; run \`loch down\`, then \`loch up\` with this Loch`,
  );
});

test('an unknown version or a file that is not JSON is refused, naming what was found', () => {
  const future = stateWith(JSON.stringify({ ...record, schemaVersion: 3 }));
  assert.throws(() => readRecord(future), {
    code: 'bad-record',
    message: `the platform record ${join(future, 'platform.json')} has schemaVersion 3; this Loch reads version 2`,
  });
  const garbled = stateWith('{"schemaVersion": 2,');
  assert.throws(() => readRecord(garbled), {
    code: 'bad-record',
    message: `the platform record ${join(garbled, 'platform.json')} is not JSON`,
  });
});

test("`loch down` finds an older record's pids; none without a record", () => {
  const old: Partial<PlatformRecord> = { ...record };
  delete old.schemaVersion;
  assert.deepEqual(readRecordPids(stateWith(JSON.stringify(old))), [11, 12]);
  assert.equal(readRecordPids(stateWith()), undefined);
});
