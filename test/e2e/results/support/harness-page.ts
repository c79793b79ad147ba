// The test host page: plays the role of VS Code or JupyterLab for the viewer bundle. It talks
// to the viewer only through the message protocol over a MessageChannel (ArrayBuffers are
// transferred), and runs queries through the test server, which runs them on the real Trino.
import type { HostToViewMessage, ViewToHostMessage } from '../../../../shared/src/results/messages';
import type { ViewerHost } from '../../../../shared/src/results/host';
import type { ResultsViewer } from '../../../../shared/src/results/viewer';

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
const log: { type: string; [k: string]: unknown }[] = [];
const copies: { text: string; format: string }[] = [];
const saved: { name: string; mimeType: string; size: number; head: string }[] = [];
const exports: { requestId: string; location?: string; rows?: number; error?: string }[] = [];
let markReady: () => void = () => {};
const ready = new Promise<void>((res) => (markReady = res));

function send(m: HostToViewMessage): void {
  const transfer = 'ipc' in m ? [m.ipc] : [];
  hostPort.postMessage(m, transfer);
}

// Messages reach the viewer as tasks after `send` returns, and the grid paints on the next
// animation frame. The stream helpers resolve only once the viewer has handled a result's
// last message and painted, so a test never reads the page before the result is on it.
const handledWaiters = new Map<string, () => void>();
const lastKey = (type: string, resultId: string) => `${type} ${resultId}`;

function sendLast(m: HostToViewMessage & { resultId: string }): Promise<void> {
  const handled = new Promise<void>((res) => handledWaiters.set(lastKey(m.type, m.resultId), res));
  send(m);
  return handled.then(() => harness.frames());
}

async function post(url: string, body: string): Promise<Response> {
  return fetch(url, { method: 'POST', body });
}

async function streamSql(resultId: string, sql: string, limit: number): Promise<void> {
  send({ type: 'result-start', resultId, sql });
  const res = await post(`/trino?limit=${limit}`, sql);
  if (!res.ok) {
    await sendLast({ type: 'result-error', resultId, message: await res.text() });
    return;
  }
  const complete = res.headers.get('x-loch-complete') === 'true';
  const elapsedMs = Number(res.headers.get('x-loch-elapsed-ms'));
  send({ type: 'result-batch', resultId, ipc: await res.arrayBuffer() });
  await sendLast({ type: 'result-end', resultId, complete, stats: { elapsedMs } });
}

hostPort.onmessage = async (e: MessageEvent<ViewToHostMessage>) => {
  const m = e.data;
  log.push({ ...m, ...('data' in m ? { data: m.data.byteLength } : {}) });
  switch (m.type) {
    case 'ready':
      markReady();
      break;
    case 'chart-query': {
      const res = await post('/trino', m.sql);
      if (res.ok)
        send({ type: 'chart-data', requestId: m.requestId, ipc: await res.arrayBuffer() });
      else send({ type: 'request-error', requestId: m.requestId, message: await res.text() });
      break;
    }
    case 'rerun':
      await streamSql(m.resultId, m.sql, harness.limit);
      break;
    case 'export': {
      const res = await post('/export', JSON.stringify({ format: m.format, sql: m.sql }));
      if (res.ok) {
        const done = (await res.json()) as { location: string; rows: number };
        exports.push({ requestId: m.requestId, ...done });
        send({ type: 'export-done', requestId: m.requestId, ...done });
      } else {
        const message = await res.text();
        exports.push({ requestId: m.requestId, error: message });
        send({ type: 'request-error', requestId: m.requestId, message });
      }
      break;
    }
    case 'copy':
      copies.push({ text: m.text, format: m.format });
      break;
    case 'save-file':
      saved.push({
        name: m.suggestedName,
        mimeType: m.mimeType,
        size: m.data.byteLength,
        head: new TextDecoder().decode(new Uint8Array(m.data).slice(0, 64)),
      });
      break;
  }
};
hostPort.start();

const viewerSide = LochResultsViewer.portHost(channel.port2);
const viewer = LochResultsViewer.mountResultsViewer(document.getElementById('viewer')!, {
  postMessage: (m) => viewerSide.postMessage(m),
  onMessage: (listener) =>
    viewerSide.onMessage((m) => {
      try {
        listener(m);
      } finally {
        // Also when the viewer throws: the test then fails on what it reads, not on a timeout.
        if ('resultId' in m) {
          const key = lastKey(m.type, m.resultId);
          handledWaiters.get(key)?.();
          handledWaiters.delete(key);
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
    const resultId = `syn-${total}`;
    send({ type: 'result-start', resultId, sql: 'SELECT * FROM synthetic' });
    for (let start = 0; start < total; start += batchRows) {
      const res = await fetch(
        `/synthetic?start=${start}&rows=${Math.min(batchRows, total - start)}`,
      );
      send({ type: 'result-batch', resultId, ipc: await res.arrayBuffer() });
    }
    await sendLast({ type: 'result-end', resultId, complete: true, totalRows: total });
  },
  async streamFixture(name: string): Promise<void> {
    const res = await fetch(`/fixture/${name}`);
    send({ type: 'result-start', resultId: name, sql: `SELECT * FROM ${name}` });
    send({ type: 'result-batch', resultId: name, ipc: await res.arrayBuffer() });
    await sendLast({ type: 'result-end', resultId: name, complete: true });
  },
  sendTheme(kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light'): void {
    send({ type: 'theme', kind });
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
