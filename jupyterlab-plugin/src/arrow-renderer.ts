// The MIME renderer for `application/vnd.apache.arrow.stream`: SQL cell results saved in the
// notebook and any kernel output carrying Arrow IPC get the shared results viewer. Marked safe:
// the viewer renders values as text only, so it also renders in untrusted (reopened) notebooks.
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { tableFromIPC } from 'apache-arrow';
import type { LochSession } from './session';
import { base64ToBytes } from '@loch/core';
import { ARROW_MIME, type SavedResultInfo } from './results/notebook-output';
import { InPageViewer } from './results/viewer-host';

export class ArrowRenderer extends Widget implements IRenderMime.IRenderer {
  private viewer: InPageViewer | undefined;

  constructor(
    private readonly options: IRenderMime.IRendererOptions,
    private readonly session: () => Promise<LochSession>,
    private readonly maxRows: () => number,
  ) {
    super();
    this.addClass('loch-arrow-output');
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const raw = model.data[this.options.mimeType];
    const info = (model.metadata[this.options.mimeType] as { loch?: SavedResultInfo } | undefined)
      ?.loch;
    this.viewer?.dispose();
    this.node.replaceChildren();
    try {
      const table = tableFromIPC(typeof raw === 'string' ? base64ToBytes(raw) : new Uint8Array());
      const caption = document.createElement('div');
      caption.className = 'loch-result-info';
      caption.textContent = info
        ? [
            `ref ${info.ref}${info.refHash ? ` @ ${info.refHash.slice(0, 12)}` : ''}`,
            Object.entries(info.snapshots ?? {})
              .map(([k, v]) => `${k} snapshot ${v}`)
              .join(', '),
            info.savedRows < info.totalRows
              ? `${info.savedRows} of ${info.totalRows} rows kept in the notebook`
              : '',
          ]
            .filter(Boolean)
            .join(' · ')
        : `${table.numRows} rows (Arrow)`;
      const box = document.createElement('div');
      box.className = 'loch-viewer-box';
      this.node.append(caption, box);
      this.viewer = new InPageViewer(
        box,
        {
          table,
          sql: info?.sql ?? '',
          queryId: info?.queryId,
          ref: info?.ref,
          catalog: info?.catalog,
          complete: info ? info.savedRows === info.totalRows && info.complete !== false : true,
          totalRows: info?.totalRows ?? table.numRows,
        },
        this.session,
        this.maxRows,
      );
      if (info) this.node.dataset.lochQueryId = info.queryId;
    } catch (e) {
      this.node.textContent = `cannot read this Arrow output: ${(e as Error).message}`;
    }
    return Promise.resolve();
  }

  protected override onBeforeDetach(): void {
    this.viewer?.dispose();
    this.viewer = undefined;
  }

  override dispose(): void {
    this.viewer?.dispose();
    super.dispose();
  }
}

export function arrowRendererFactory(
  session: () => Promise<LochSession>,
  maxRows: () => number,
): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [ARROW_MIME],
    defaultRank: 50,
    createRenderer: (options) => new ArrowRenderer(options, session, maxRows),
  };
}
