// What a host supplies to the viewer backend (the shape of Mosaic's Connector): a session to
// run queries on, a way to save a file and to copy text, its theme. Everything else the viewer
// asks for is decided once, in backend.ts.
import type { RecordBatch, Schema } from 'apache-arrow';
import type { Disposable } from '../results/host';
import type { ExportFormat, HostToViewMessage, ViewToHostMessage } from '../results/messages';

export interface ViewerQueryOptions {
  /** The Nessie ref the statement reads (the session routes it to that ref's catalog). */
  ref: string;
  /** Rows delivered at most; past them the query is cancelled on the server. None: all rows. */
  maxRows?: number;
  /** Aborting cancels the query on the server. */
  signal?: AbortSignal;
}

/** How a query the backend ran ended: the fields of `LakehouseSession`'s `QueryOutcome` it reads. */
export interface ViewerQueryOutcome {
  queryId?: string;
  /** Rows `batches()` delivered. */
  rowsDelivered: number;
  /** True when the query stopped at `maxRows` and more rows exist. */
  moreRows: boolean;
  /** Rows in the full result, when Trino knows them. */
  totalRows?: number;
  elapsedMs?: number;
}

/** One running statement: its batches as they arrive, then its outcome. */
export interface ViewerQueryRun {
  batches(): AsyncIterable<RecordBatch>;
  readonly outcome: Promise<ViewerQueryOutcome>;
  /** The result's schema, known even when no batch comes (an empty chart aggregation). */
  readonly schema?: Promise<Schema>;
}

/** Runs statements on a ref: what `LakehouseSession.query` is. */
export interface ViewerSession {
  query(sql: string, options: ViewerQueryOptions): ViewerQueryRun;
}

/**
 * A session connected on first use (JupyterLab connects lazily, after its settings load): each
 * run waits for the connection, then is the session's own run.
 */
export function deferredSession(connect: () => Promise<ViewerSession>): ViewerSession {
  return {
    query(sql, options): ViewerQueryRun {
      const run = connect().then((s) => s.query(sql, options));
      run.catch(() => undefined); // the outcome and batches carry the failure
      const schema = run.then((r) => {
        if (!r.schema) throw new Error('this query gives no schema before its rows');
        return r.schema;
      });
      schema.catch(() => undefined);
      return {
        async *batches() {
          yield* (await run).batches();
        },
        outcome: run.then((r) => r.outcome),
        schema,
      };
    },
  };
}

/** Bytes for the host to save (an export streams; a chart image is one buffer). */
export interface FileToSave {
  suggestedName: string;
  mimeType: string;
  data: Uint8Array | AsyncIterable<Uint8Array>;
  /** An export of a whole result (a long write worth a progress with a cancel) or a chart file. */
  kind: 'export' | 'chart';
}

/** Writes a result's batches in a format the core cannot write in this environment. */
export type ExportEncoder = (batches: AsyncIterable<RecordBatch>) => AsyncIterable<Uint8Array>;

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface ViewerConnector {
  /** Runs follow-up queries; absent (a notebook output): the viewer's follow-ups are refused. */
  session?: ViewerSession;
  /**
   * Saves a file (a dialog, a download); resolves to where it went, or undefined when the user
   * declined. An export's stream is read only after the user chose where to save it, and
   * stopping to read it (an error, a cancel) cancels the query on the server.
   */
  saveFile(file: FileToSave): Promise<string | undefined>;
  copy(text: string): Promise<void>;
  theme?(): ThemeKind;
  /** Rows a pushed-down re-run shows (the host's row cap setting); default 10,000. */
  maxRows?(): number;
  /** Encoders for formats beyond CSV, JSON and Arrow (Parquet, in Node hosts). */
  encoders?: Partial<Record<ExportFormat, ExportEncoder>>;
  /** Where the backend reports what the user does not need to see (a protocol mismatch). */
  warn?(message: string): void;
}

/** The backend's end of the host <-> view channel (a webview, a MessagePort, in-page calls). */
export interface ViewerChannel {
  post(message: HostToViewMessage): void;
  onMessage(listener: (message: ViewToHostMessage) => void): Disposable;
}
