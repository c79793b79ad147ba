// The JupyterLab host's session provider (the ILochSession token's value) over the real test
// platform: one core session per settings, its events as Lumino signals only while it is the
// page's session, the history carried across a settings change and handed to the host's store,
// and a failed connect retried on the next use. The core session is built as the plugin builds
// it, minus the Jupyter server's proxy (no Jupyter server here).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HistoryEntry } from '../../../shared/src/lakehouse/history';
import { LakehouseSession } from '../../../shared/src/lakehouse/session';
import { NessieClient } from '../../../shared/src/nessie/client';
import { TrinoClient } from '../../../shared/src/trino/client';
import { DEFAULT_SETTINGS, type ServerDefaults } from '../../../jupyterlab-plugin/src/endpoints';
import { HISTORY_ENTRIES, LochSessionProvider } from '../../../jupyterlab-plugin/src/session';
import { nessieApiUrl, trinoUrl } from '../../support/platform';
import { baseProperties } from '../lakehouse/context';

interface Harness {
  provider: LochSessionProvider;
  built: LakehouseSession[];
  saved: HistoryEntry[][];
  defaultsCalls: () => number;
}

function harness(options: { initial?: HistoryEntry[]; failFirstConnect?: boolean } = {}): Harness {
  const built: LakehouseSession[] = [];
  const saved: HistoryEntry[][] = [];
  let calls = 0;
  const provider = new LochSessionProvider({
    settingsLoaded: Promise.resolve(),
    settings: () => DEFAULT_SETTINGS,
    serverDefaults: async (): Promise<ServerDefaults> => {
      if (++calls === 1 && options.failFirstConnect) {
        throw new Error('the Loch server extension did not answer (HTTP 404)');
      }
      return {
        trinoUrl: trinoUrl(),
        nessieUrl: nessieApiUrl(),
        source: 'test',
        lakeCatalog: baseProperties(),
      };
    },
    connect: (settings, defaults, history) => {
      const s = new LakehouseSession({
        trino: new TrinoClient({ url: defaults.trinoUrl, user: settings.trinoUser }),
        nessie: new NessieClient({ url: defaults.nessieUrl }),
        lakeCatalog: 'lake',
        lakeCatalogProperties: defaults.lakeCatalog,
        defaultRef: settings.defaultRef || undefined,
        history: { maxEntries: HISTORY_ENTRIES, ...history },
      });
      built.push(s);
      return s;
    },
    history: {
      initial: Promise.resolve(options.initial ?? []),
      save: (entries) => saved.push([...entries]),
    },
  });
  return { provider, built, saved, defaultsCalls: () => calls };
}

test('one session per settings; its events are signals; history survives a settings change', async () => {
  const { provider, built, saved } = harness();
  const refs: string[] = [];
  const histories: number[] = [];
  let changes = 0;
  provider.refChanged.connect((_p, ref) => refs.push(ref));
  provider.historyChanged.connect((_p, entries) => histories.push(entries.length));
  provider.sessionChanged.connect(() => changes++);

  const [a, again] = await Promise.all([provider.session(), provider.session()]);
  assert.equal(a, again);
  assert.equal(built.length, 1);
  assert.deepEqual(refs, ['main']);

  a.setCurrentRef('lab_provider_elsewhere');
  a.setCurrentRef('main');
  assert.deepEqual(refs, ['main', 'lab_provider_elsewhere', 'main']);

  const first = await a.query('SELECT 41 + 1 AS answer', { source: 'notebook' }).outcome;
  assert.equal(first.status, 'finished');
  assert.deepEqual(histories, [1]);
  assert.equal(saved.length, 1);
  assert.deepEqual(
    saved[0]!.map((e) => [e.sql, e.ref, e.catalog, e.status, e.rows, e.source]),
    [['SELECT 41 + 1 AS answer', 'main', 'lake', 'finished', 1, 'notebook']],
  );

  // The settings changed: the next use connects anew, with the history so far.
  provider.reset();
  assert.equal(changes, 1);
  const b = await provider.session();
  assert.notEqual(b, a);
  assert.equal(built.length, 2);
  assert.deepEqual(refs, ['main', 'lab_provider_elsewhere', 'main', 'main']);
  assert.deepEqual(b.history.all(), saved[0]);

  // The old session no longer speaks for the page (its events are not re-emitted).
  a.setCurrentRef('lab_provider_stale');
  await a.query('SELECT 1', { ref: 'main', source: 'notebook' }).outcome;
  assert.deepEqual(refs, ['main', 'lab_provider_elsewhere', 'main', 'main']);
  assert.deepEqual(histories, [1]);
  assert.equal(saved.length, 1);

  await b.query('SELECT 2 AS two', { source: 'console' }).outcome;
  assert.deepEqual(histories, [1, 2]);
  assert.deepEqual(
    saved.at(-1)!.map((e) => [e.sql, e.source]),
    [
      ['SELECT 2 AS two', 'console'],
      ['SELECT 41 + 1 AS answer', 'notebook'],
    ],
  );
});

test('the history starts from the host store', async () => {
  const stored: HistoryEntry = {
    id: 'stored-1',
    sql: 'SELECT 7',
    ref: 'main',
    catalog: 'lake',
    status: 'finished',
    rows: 1,
    startedAt: '2026-01-02T03:04:05.000Z',
    elapsedMs: 12,
    source: 'notebook',
  };
  const { provider } = harness({ initial: [stored] });
  const s = await provider.session();
  assert.deepEqual(s.history.all(), [stored]);
});

test('a failed connect rejects with its reason and is retried on the next use', async () => {
  const { provider, built, defaultsCalls } = harness({ failFirstConnect: true });
  await assert.rejects(provider.session(), {
    message: 'the Loch server extension did not answer (HTTP 404)',
  });
  assert.equal(built.length, 0);
  const s = await provider.session();
  assert.equal(defaultsCalls(), 2);
  assert.equal(s.currentRef, 'main');
  assert.equal(await provider.session(), s);
});
