// The MIME renderer for `application/vnd.apache.arrow.stream`: SQL cell results saved in the
// notebook and any kernel output carrying Arrow IPC get the same result view. Marked safe: it
// only ever renders values as text, so it also renders in untrusted (reopened) notebooks.
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { tableFromIPC } from 'apache-arrow';
import { ARROW_MIME, base64ToBytes, type SavedResultInfo } from './results/notebook-output';
import { renderSimpleView } from './results/simple-view';

export class ArrowRenderer extends Widget implements IRenderMime.IRenderer {
  constructor(private readonly options: IRenderMime.IRendererOptions) {
    super();
    this.addClass('loch-arrow-output');
    this.node.tabIndex = 0;
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const raw = model.data[this.options.mimeType];
    const meta = (model.metadata[this.options.mimeType] ?? {}) as { loch?: SavedResultInfo };
    try {
      const bytes = typeof raw === 'string' ? base64ToBytes(raw) : new Uint8Array();
      const table = tableFromIPC(bytes);
      const info = meta.loch;
      const caption = info
        ? [
            `ref ${info.ref}${info.refHash ? ` @ ${info.refHash.slice(0, 12)}` : ''}`,
            info.savedRows < info.totalRows
              ? `${info.savedRows} of ${info.totalRows} rows kept in the notebook`
              : undefined,
          ]
            .filter(Boolean)
            .join(' · ')
        : undefined;
      renderSimpleView(this.node, table, caption);
      if (info) this.node.dataset.lochQueryId = info.queryId;
    } catch (e) {
      this.node.textContent = `cannot read this Arrow output: ${(e as Error).message}`;
    }
    return Promise.resolve();
  }
}

export const arrowRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [ARROW_MIME],
  defaultRank: 50,
  createRenderer: (options) => new ArrowRenderer(options),
};
