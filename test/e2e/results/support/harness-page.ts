// The test host page: plays the role of VS Code or JupyterLab for the viewer bundle. It talks
// to the viewer only through the message protocol over a MessageChannel (ArrayBuffers are
// transferred) and answers it with the core's ViewerBackend, whose session runs queries through
// the test server on the real Trino.
import { Table, tableFromIPC, tableToIPC, type RecordBatch } from 'apache-arrow';
import {
  transferablesOf,
  type HostToViewMessage,
  type ViewToHostMessage,
} from '../../../../shared/src/results/messages';
import type { ViewerHost } from '../../../../shared/src/results/host';
import type { ResultsViewer } from '../../../../shared/src/results/viewer';
import { ViewerBackend } from '../../../../shared/src/viewer/backend';
import type {
  FileToSave,
  ViewerQueryOutcome,
  ViewerSession,
} from '../../../../shared/src/viewer/connector';

declare const LochResultsViewer: {
  mountResultsViewer(
    el: HTMLElement,
    host: ViewerHost,
    o?: { markThreshold?: number },
  ): ResultsViewer;
  portHost(port: MessagePort): ViewerHost;
};

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) =>
  violations.push(`${e.violatedDirective} ${e.blockedURI}`),
);

const channel = new MessageChannel();
const hostPort = channel.port1;
const log: { type: string; sql?: string; [k: string]: unknown }[] = [];
const copies: { text: string; format: string }[] = [];
const saved: { name: string; mimeType: string; size: number; head: string }[] = [];
const exports: { requestId: string; location?: string; rows?: number; error?: string }[] = [];
let markReady: () => void = () => {};
const ready = new Promise<void>((res) => (markReady = res));

// Messages reach the viewer as tasks after the backend posts them, and the grid paints on the
// next animation frame. The stream helpers resolve only once the viewer has handled a result's
// last message and painted, so a test never reads the page before the result is on it.
let endWaiter: (() => void) | undefined;
const resultEnd = () => new Promise<void>((res) => (endWaiter = res));

async function post(url: string, body: BodyInit): Promise<Response> {
  return fetch(url, { method: 'POST', body });
}

/** The SQL the backend ran for a follow-up, filled into its log entry (what tests assert on). */
function noteSql(sql: string): void {
  const entry = log.findLast(
    (m) => ['chart-query', 'rerun', 'export'].includes(m.type) && m.sql === undefined,
  );
  if (entry) entry.sql = sql;
}

/** The test server's Trino as a ViewerSession: each statement's rows come back as one batch. */
const session: ViewerSession = {
  query(sql, { maxRows, signal }) {
    noteSql(sql);
    const t0 = performance.now();
    const res = post(`/trino${maxRows === undefined ? '' : `?limit=${maxRows}`}`, sql);
    const table = res.then(async (r) => {
      if (!r.ok) throw new Error(await r.text());
      return { table: tableFromIPC(new Uint8Array(await r.arrayBuffer())), complete: r.headers };
    });
    const outcome: Promise<ViewerQueryOutcome> = table.then(({ table: t, complete }) => ({
      rowsDelivered: t.numRows,
      moreRows: complete.get('x-loch-complete') !== 'true',
      elapsedMs: Number(complete.get('x-loch-elapsed-ms') ?? performance.now() - t0),
    }));
    outcome.catch(() => undefined);
    return {
      outcome,
      async *batches(): AsyncGenerator<RecordBatch> {
        const { table: t } = await table;
        signal?.throwIfAborted();
        // An empty result still has its schema: one empty batch carries it.
        if (t.batches.length === 0) yield* new Table(t.schema).batches;
        else yield* t.batches;
      },
    };
  },
};

/** Files go to the test server, which writes them to its export folder. */
async function saveFile(file: FileToSave): Promise<string> {
  if (file.kind === 'chart') {
    const data = file.data as Uint8Array;
    saved.push({
      name: file.suggestedName,
      mimeType: file.mimeType,
      size: data.byteLength,
      head: new TextDecoder().decode(data.slice(0, 64)),
    });
    return file.suggestedName;
  }
  const parts: Uint8Array[] = [];
  for await (const chunk of file.data as AsyncIterable<Uint8Array>) parts.push(chunk);
  const res = await post(
    `/save?name=${encodeURIComponent(file.suggestedName)}`,
    new Blob(parts as BlobPart[]),
  );
  if (!res.ok) throw new Error(await res.text());
  return ((await res.json()) as { location: string }).location;
}

const viewListeners = new Set<(m: ViewToHostMessage) => void>();
const backend = new ViewerBackend(
  {
    post(m: HostToViewMessage) {
      if (m.type === 'export-done')
        exports.push({ requestId: m.requestId, location: m.location, rows: m.rows });
      else if (m.type === 'request-error' && m.requestId.startsWith('export-'))
        exports.push({ requestId: m.requestId, error: m.message });
      hostPort.postMessage(m, transferablesOf(m));
    },
    onMessage(l) {
      viewListeners.add(l);
      return { dispose: () => viewListeners.delete(l) };
    },
  },
  {
    session,
    saveFile,
    copy: async () => undefined,
    maxRows: () => harness.limit,
    encoders: {
      // Parquet is written by the Node encoder on the server, as VS Code's host does.
      async *parquet(batches) {
        const all: RecordBatch[] = [];
        for await (const b of batches) all.push(b);
        const res = await post(
          '/parquet',
          new Blob([tableToIPC(new Table(all), 'stream')] as BlobPart[]),
        );
        if (!res.ok) throw new Error(await res.text());
        yield new Uint8Array(await res.arrayBuffer());
      },
    },
  },
);

hostPort.onmessage = (e: MessageEvent<ViewToHostMessage>) => {
  const m = e.data;
  log.push({ ...m, ...('data' in m ? { data: m.data.byteLength } : {}) });
  if (m.type === 'ready') markReady();
  if (m.type === 'copy') copies.push({ text: m.text, format: m.format });
  for (const l of viewListeners) l(m);
};
hostPort.start();

/** Streams the first `limit` rows of `sql` through the backend, as a host shows a run. */
async function streamSql(_name: string, sql: string, limit: number): Promise<void> {
  const ended = resultEnd();
  await backend
    .showRun({ sql, ref: 'main' }, session.query(sql, { ref: 'main', maxRows: limit }))
    .catch(() => undefined);
  await ended;
  await harness.frames();
}

const viewerSide = LochResultsViewer.portHost(channel.port2);
const viewer = LochResultsViewer.mountResultsViewer(document.getElementById('viewer')!, {
  postMessage: (m) => viewerSide.postMessage(m),
  onMessage: (listener) =>
    viewerSide.onMessage((m) => {
      try {
        listener(m);
      } finally {
        // Also when the viewer throws: the test then fails on what it reads, not on a timeout.
        if (m.type === 'result-end' || m.type === 'result-error') {
          endWaiter?.();
          endWaiter = undefined;
        }
      }
    }),
});

const harness = {
  viewer,
  ready,
  log,
  copies,
  saved,
  exports,
  violations,
  /** Rows a streamed SQL result stops at (the rest is left in Trino: a partial result). */
  limit: 1000,
  streamSql,
  /** Streams `total` synthetic rows in batches of `batchRows`, each fetched as Arrow IPC. */
  async streamSynthetic(total: number, batchRows: number): Promise<void> {
    const resultId = backend.begin({ sql: 'SELECT * FROM synthetic' });
    for (let start = 0; start < total; start += batchRows) {
      const res = await fetch(
        `/synthetic?start=${start}&rows=${Math.min(batchRows, total - start)}`,
      );
      for (const b of tableFromIPC(new Uint8Array(await res.arrayBuffer())).batches)
        backend.append(resultId, b);
    }
    const ended = resultEnd();
    backend.end(resultId, { complete: true, totalRows: total });
    await ended;
    await harness.frames();
  },
  async streamFixture(name: string): Promise<void> {
    const res = await fetch(`/fixture/${name}`);
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    const ended = resultEnd();
    backend.showTable({ sql: `SELECT * FROM ${name}` }, table, { complete: true });
    await ended;
    await harness.frames();
  },
  sendTheme(kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light'): void {
    backend.setTheme(kind);
  },
  /** Resolves after the next two animation frames (the grid redraws on the first). */
  frames(): Promise<void> {
    return new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(() => res())));
  },
  /** Resolves when the chart paints (rejects with the chart's status text on a timeout). */
  nextChart(timeoutMs = 120_000): Promise<{ kind: string; marks: number; pushedDown: boolean }> {
    return new Promise((res, rej) => {
      const t = setTimeout(
        () =>
          rej(new Error(document.querySelector('.loch-chart-status')?.textContent ?? 'no chart')),
        timeoutMs,
      );
      viewer.chart.onPainted = (info) => {
        clearTimeout(t);
        res(info);
      };
    });
  },
};
window.lochHarness = harness;
export type Harness = typeof harness;
