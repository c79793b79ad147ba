// The session's state without a server: the current ref and its event, routing decisions made
// before any request, the row cap's validation, and the history store.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QueryHistory, type HistoryEntry } from '../../../shared/src/lakehouse/history';
import { checkMaxRows } from '../../../shared/src/lakehouse/query-run';
import { RefCatalogs } from '../../../shared/src/lakehouse/ref-catalogs';
import { RefNotQueryableError, RefRouting } from '../../../shared/src/lakehouse/ref-routing';
import { LakehouseSession } from '../../../shared/src/lakehouse/session';
import { InvalidRefNameError } from '../../../shared/src/nessie/errors';
import { NessieClient } from '../../../shared/src/nessie/client';
import { TrinoClient } from '../../../shared/src/trino/client';

/** Clients whose every request fails at once: these tests must not reach a server. */
const refuse = () => Promise.reject(new Error('no request expected'));
const trino = new TrinoClient({ url: 'http://127.0.0.1:9', user: 'u', fetch: refuse });
const nessie = new NessieClient({ url: 'http://127.0.0.1:9/api/v2', fetch: refuse });
const PROPS = { 'iceberg.nessie-catalog.ref': 'dev', 'iceberg.catalog.type': 'nessie' };

test('the current ref: configured, validated, and its event fires only on a change', () => {
  const s = new LakehouseSession({ trino, nessie, lakeCatalog: 'lake', defaultRef: 'main' });
  const seen: string[] = [];
  const sub = s.onDidChangeRef((r) => seen.push(r));
  s.setCurrentRef('main');
  s.setCurrentRef('dev/x');
  assert.throws(() => s.setCurrentRef('bad..name'), InvalidRefNameError);
  assert.equal(s.currentRef, 'dev/x');
  sub.dispose();
  s.setCurrentRef('main');
  assert.deepEqual(seen, ['dev/x']);
});

test('without a configured ref the session needs init() before it knows its ref', () => {
  const s = new LakehouseSession({ trino, nessie, lakeCatalog: 'lake' });
  assert.throws(() => s.currentRef, /await init\(\) first/);
  assert.throws(() => s.query('SELECT 1'), /await init\(\) first/);
});

test('routing: the lake serves the ref its properties name; others need the properties', async () => {
  const catalogs = new RefCatalogs({ run: refuse, nessie, baseProperties: PROPS });
  const known = new RefRouting({ lakeCatalog: 'lake', lakeCatalogProperties: PROPS, catalogs });
  assert.equal(known.lakeRef('main'), 'dev');
  assert.equal(await known.catalogFor('dev', 'main'), 'lake');
  const unknown = new RefRouting({ lakeCatalog: 'lake', catalogs });
  assert.equal(await unknown.catalogFor('main', 'main'), 'lake');
  const e = await unknown.catalogFor('dev', 'main').then(
    () => assert.fail('dev is not queryable'),
    (x: unknown) => x,
  );
  assert.ok(e instanceof RefNotQueryableError);
  assert.equal(e.ref, 'dev');
  assert.equal(e.queryableRef, 'main');
  assert.equal(
    e.oneLine(),
    "cannot query ref dev: it needs its own Trino catalog, and the lake catalog's properties are unknown (only main is queryable); give the session the lake catalog's properties (restart the platform with a current `loch up`, or set them in the connection)",
  );
  await assert.rejects(unknown.catalogFor('x..y', 'main'), InvalidRefNameError);
});

test('a row cap is a whole number of at least 1 (or none)', () => {
  assert.equal(checkMaxRows(1), 1);
  assert.equal(checkMaxRows(Infinity), Infinity);
  for (const bad of [0, -1, 1.5, NaN]) {
    assert.throws(() => checkMaxRows(bad), { name: 'RangeError' });
  }
  const s = new LakehouseSession({ trino, nessie, lakeCatalog: 'lake', defaultRef: 'main' });
  assert.throws(() => s.query('SELECT 1', { maxRows: 0 }), /maxRows is a whole number >= 1, not 0/);
});

function entry(id: string, sql: string, ref: string, status: HistoryEntry['status']): HistoryEntry {
  return {
    id,
    sql,
    ref,
    catalog: 'lake',
    status,
    rows: 0,
    startedAt: '2026-12-03T00:00:00.000Z',
    elapsedMs: 1,
  };
}

test('history: newest first, bounded, saved and announced on every change, searchable', () => {
  const saved: string[][] = [];
  const announced: number[] = [];
  const h = new QueryHistory({
    maxEntries: 2,
    initial: [entry('a', 'SELECT 1', 'main', 'finished')],
    save: (all) => saved.push(all.map((e) => e.id)),
  });
  h.onDidChange((all) => announced.push(all.length));
  h.add(entry('b', 'DELETE FROM t', 'dev', 'finished'));
  h.add(entry('c', 'SELECT nope', 'dev', 'failed'));
  assert.deepEqual(
    h.all().map((e) => e.id),
    ['c', 'b'],
  );
  assert.deepEqual(saved, [
    ['b', 'a'],
    ['c', 'b'],
  ]);
  assert.deepEqual(announced, [2, 2]);
  assert.deepEqual(
    h.search('dev failed').map((e) => e.id),
    ['c'],
  );
  assert.equal(h.get('b')?.sql, 'DELETE FROM t');
  h.clear();
  assert.deepEqual(h.all(), []);
  assert.throws(() => new QueryHistory({ maxEntries: -1 }), { name: 'RangeError' });
});
