// Notebook renderer for `application/vnd.loch.arrow` outputs: the cell's Arrow IPC bytes shown
// in the core's results viewer (grid, chart, stats). Runs in the notebook's webview as an ES
// module. The viewer talks to an in-process host: the result is fed to it once it is ready;
// follow-up queries (chart aggregation, pushed-down sort) are answered "re-run the cell" since a
// notebook output is a fixed result of its cell. An export streams the statement's full result
// to a file through the extension, which this renderer cannot reach, so it shows no Export
// buttons rather than ones that always fail.
import {
  type ViewerHost,
  type HostToViewMessage,
  type ViewToHostMessage,
  ipcArrayBuffer,
} from '@loch/core';
import { mountResultsViewer } from '@loch/core/viewer';

interface OutputItem {
  id: string;
  mime: string;
  data(): Uint8Array;
  metadata?: unknown;
}

let styled = false;
function ensureStyles(): void {
  if (styled) return;
  styled = true;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('./viewer/viewer.css', import.meta.url).href;
  document.head.appendChild(link);
}

function inProcessHost(bytes: Uint8Array, id: string): ViewerHost {
  let listener: ((m: HostToViewMessage) => void) | undefined;
  const send = (m: HostToViewMessage) => listener?.(m);
  return {
    postMessage(m: ViewToHostMessage) {
      if (m.type === 'ready') {
        const ipc = ipcArrayBuffer(bytes);
        send({ type: 'result-start', resultId: id, sql: '' });
        send({ type: 'result-batch', resultId: id, ipc });
        send({ type: 'result-end', resultId: id, complete: true });
      } else if (m.type === 'chart-query') {
        send({
          type: 'request-error',
          requestId: m.requestId,
          message: 'run the cell again to query its data',
        });
      }
    },
    onMessage(l) {
      listener = l;
      return { dispose: () => (listener = undefined) };
    },
  };
}

const mounted = new Map<string, { dispose(): void }>();

export const activate = () => ({
  renderOutputItem(item: OutputItem, element: HTMLElement) {
    mounted.get(item.id)?.dispose();
    element.replaceChildren();
    ensureStyles();
    const box = document.createElement('div');
    box.className = 'loch-notebook-output';
    box.style.height = '360px';
    element.appendChild(box);
    try {
      const host = inProcessHost(item.data(), item.id);
      mounted.set(item.id, mountResultsViewer(box, host, { exportFormats: [] }));
    } catch (e) {
      // A value is data, never markup: errors are text too.
      box.textContent = `Loch could not render this result: ${(e as Error).message}`;
    }
  },
  disposeOutputItem(id?: string) {
    if (id) {
      mounted.get(id)?.dispose();
      mounted.delete(id);
    } else {
      for (const m of mounted.values()) m.dispose();
      mounted.clear();
    }
  },
});
