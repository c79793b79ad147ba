// Notebook renderer for `application/vnd.loch.arrow` outputs: the cell's Arrow IPC bytes shown
// in the core's results viewer (grid, chart, stats). Runs in the notebook's webview as an ES
// module, with the core's ViewerBackend beside the viewer and no session: a notebook output is
// a fixed result of its cell, so follow-up queries (chart aggregation, pushed-down sort) are
// refused by the backend with "run its statement". An export streams the statement's full
// result through the extension, which this renderer cannot reach, so it shows no Export buttons.
import { tableFromIpc, ViewerBackend, inPageChannel } from '@loch/core';
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
      const { host, channel } = inPageChannel();
      const backend = new ViewerBackend(channel, {
        saveFile: () => Promise.resolve(undefined),
        copy: (text) => navigator.clipboard.writeText(text),
      });
      const table = tableFromIpc(item.data());
      backend.showTable({ sql: '' }, table, { complete: true, totalRows: table.numRows });
      const viewer = mountResultsViewer(box, host, { exportFormats: [] });
      mounted.set(item.id, {
        dispose() {
          backend.dispose();
          viewer.dispose();
        },
      });
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
