// The JupyterLab side of the shared results viewer: the viewer runs in the page itself, its
// backend (the core's ViewerBackend) beside it through an in-page channel. This adapter supplies
// what only JupyterLab has: the page's LochSession to run follow-ups on, browser downloads,
// the clipboard and the theme.
import { Clipboard } from '@jupyterlab/apputils';
import type { Table } from 'apache-arrow';
import { mountResultsViewer, type ResultsViewer } from '@loch/core/viewer';
import {
  type Disposable,
  type ExportFormat,
  ViewerBackend,
  type ResultOrigin,
  deferredSession,
  type FileToSave,
  inPageChannel,
} from '@loch/core';
import type { LochSession } from '../session';

/** What a viewer shows: rows already fetched (live or from the notebook) and where they came from. */
export interface ViewerSource {
  table: Table;
  sql: string;
  queryId?: string;
  /** The ref the rows were read from: follow-up queries run on its catalog. */
  ref?: string;
  /** The catalog follow-up queries run in when the ref is not known; neither: no follow-ups. */
  catalog?: string;
  /** False when `table` holds only the first rows of the result. */
  complete: boolean;
  totalRows: number;
}

/**
 * The formats a download here can hold. Parquet needs the Node exporter (parquet-wasm's Node
 * build, in VS Code and the CLI), so the viewer shows no Parquet button in JupyterLab.
 */
export const JUPYTERLAB_EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'arrow', 'json'];

/** A browser download of the file's bytes (an export's stream is read whole first). */
async function download(file: FileToSave): Promise<string> {
  const parts: BlobPart[] = [];
  if (file.data instanceof Uint8Array) parts.push(file.data as Uint8Array<ArrayBuffer>);
  else for await (const chunk of file.data) parts.push(chunk as Uint8Array<ArrayBuffer>);
  const url = URL.createObjectURL(new Blob(parts, { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.suggestedName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return file.suggestedName;
}

/** The theme kind the viewer needs; colours come from JupyterLab's CSS variables. */
function themeKind(): 'light' | 'dark' {
  return document.body.dataset.jpThemeLight === 'false' ? 'dark' : 'light';
}

function originOf(source: ViewerSource, session: () => Promise<LochSession>): ResultOrigin {
  const { ref, catalog, sql } = source;
  if (ref === undefined && catalog === undefined) return { sql };
  // Follow-ups run on the page's session, on the ref the rows came from (else in their catalog).
  const route = ref !== undefined ? { ref } : { catalog };
  return {
    sql,
    ref: ref ?? catalog,
    session: deferredSession(async () => {
      const s = await session();
      return {
        query: (text, o) =>
          s.query(text, { ...route, maxRows: o.maxRows, signal: o.signal, source: 'results' }),
      };
    }),
  };
}

export class InPageViewer implements Disposable {
  readonly viewer: ResultsViewer;
  private readonly backend: ViewerBackend;
  private readonly themeObserver: MutationObserver;
  private disposed = false;

  constructor(
    container: HTMLElement,
    source: ViewerSource,
    session: () => Promise<LochSession>,
    /** Rows a pushed-down re-run shows: the user's `maxRows` setting. */
    maxRows: () => number = () => 10_000,
  ) {
    const { host, channel } = inPageChannel();
    this.backend = new ViewerBackend(channel, {
      saveFile: download,
      copy: async (text) => Clipboard.copyToSystem(text),
      theme: themeKind,
      maxRows,
    });
    const origin = originOf(source, session);
    this.backend.showTable(
      origin,
      source.table,
      { complete: source.complete, totalRows: source.totalRows },
      source.queryId,
    );
    this.viewer = mountResultsViewer(container, host, { exportFormats: JUPYTERLAB_EXPORT_FORMATS });
    // Colours follow JupyterLab's CSS variables by themselves; the theme kind (light/dark, for
    // the chart palette) is re-sent whenever the user switches themes.
    this.themeObserver = new MutationObserver(() => this.backend.setTheme(themeKind()));
    this.themeObserver.observe(document.body, {
      attributes: true,
      attributeFilter: ['data-jp-theme-light', 'data-jp-theme-name'],
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.themeObserver.disconnect();
    this.backend.dispose();
    this.viewer.dispose();
  }
}
