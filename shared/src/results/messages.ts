// The typed host <-> view protocol of the results viewer. Both sides compile against this
// file: the VS Code extension and the JupyterLab plugin (hosts) and the viewer bundle (view).
// Bulk data crosses as Arrow IPC stream bytes in ArrayBuffers (transferable), never JSON rows.
//
// Handshake: the view mounts and sends `ready`; the host waits for it before sending anything
// (a webview drops messages posted before its script runs), then streams a result:
// `result-start`, any number of `result-batch`, then `result-end` or `result-error`.
//
// The view never sends SQL for the host to run: follow-ups (re-run, chart query, export) name
// the result they are about and say what they want in structured form; the core's viewer
// backend (shared/src/viewer/backend.ts) builds the SQL from the statement of that result.
import type { ChartEncoding, Extent } from '../charts/types';
import type { PushedFilter, PushedSort } from './sort-filter-sql';

/** Bumped on any incompatible change; the host checks the view's `ready.protocol`. */
export const PROTOCOL_VERSION = 2;

export type ExportFormat = 'csv' | 'parquet' | 'arrow' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'parquet', 'arrow', 'json'];

/** Trino's figures for a finished (or running) statement, shown in the status bar. */
export interface QueryStats {
  elapsedMs?: number;
  processedRows?: number;
  processedBytes?: number;
  state?: string;
}

// ---- host -> view ----

export interface ResultStartMessage {
  type: 'result-start';
  resultId: string;
  /** The statement whose rows follow: the base of pushed-down sort/filter and chart queries. */
  sql: string;
  queryId?: string;
}

export interface ResultBatchMessage {
  type: 'result-batch';
  resultId: string;
  /** One Arrow IPC stream (schema + one or more record batches). */
  ipc: ArrayBuffer;
}

export interface ResultEndMessage {
  type: 'result-end';
  resultId: string;
  /** False when the host stopped fetching (a row limit): sort/filter then run in Trino. */
  complete: boolean;
  /** Rows in the full result when known (e.g. from a count), else the rows sent. */
  totalRows?: number;
  stats?: QueryStats;
}

export interface ResultErrorMessage {
  type: 'result-error';
  resultId: string;
  message: string;
}

/** Rows of a pushed-down chart query (answer to `chart-query`). */
export interface ChartDataMessage {
  type: 'chart-data';
  requestId: string;
  ipc: ArrayBuffer;
  stats?: QueryStats;
}

export interface RequestErrorMessage {
  type: 'request-error';
  requestId: string;
  message: string;
}

export interface ExportDoneMessage {
  type: 'export-done';
  requestId: string;
  /** Where the file was written, for the view to show. */
  location: string;
  rows: number;
}

/** The host's theme kind; colours themselves come from the host's CSS variables. */
export interface ThemeMessage {
  type: 'theme';
  kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
}

export type HostToViewMessage =
  | ResultStartMessage
  | ResultBatchMessage
  | ResultEndMessage
  | ResultErrorMessage
  | ChartDataMessage
  | RequestErrorMessage
  | ExportDoneMessage
  | ThemeMessage;

// ---- view -> host ----

export interface ReadyMessage {
  type: 'ready';
  protocol: number;
}

/**
 * A re-run streams under `<result id>~<n>` (see RerunMessage); it belongs to the same result, so
 * it runs where that result came from. This is the id both sides compare.
 */
export function baseResultId(resultId: string): string {
  return resultId.replace(/~\d+$/, '');
}

/** Sort and filter of a result pushed into Trino, by column name (absent: the result as run). */
export interface ResultView {
  sort?: PushedSort;
  filter?: PushedFilter;
}

/**
 * What a chart asks Trino for: the statistics of the result's columns (no scan), or one
 * aggregating query for an encoding (see charts/pushdown.ts for each kind's shape).
 */
export type ChartRequest =
  | { kind: 'stats' }
  | {
      kind: 'aggregate';
      encoding: ChartEncoding;
      /** Marks above which the chart is aggregated (bounds sample sizes and time buckets). */
      threshold: number;
      /** A zoomed or brushed range of the x axis. */
      extent?: Extent;
      /** Column ranges from the statistics, as bin layout hints. */
      bounds?: [column: string, range: Extent][];
    };

/** Run the chart's aggregating query over the (sorted/filtered) result; answered by `chart-data`. */
export interface ChartQueryMessage {
  type: 'chart-query';
  requestId: string;
  /** The result the chart is of: the query runs where that result came from. */
  resultId: string;
  view: ResultView;
  chart: ChartRequest;
}

/**
 * Re-run the result with sort/filter pushed into Trino; answered by a result stream under
 * `resultId` (a new id the view chose, so streams of superseded re-runs are told apart).
 */
export interface RerunMessage {
  type: 'rerun';
  resultId: string;
  view: ResultView;
}

/** Export the FULL (sorted/filtered) result, not only the loaded rows, streamed to a file. */
export interface ExportMessage {
  type: 'export';
  requestId: string;
  /** The result exported: it runs where that result came from. */
  resultId: string;
  format: ExportFormat;
  view: ResultView;
}

/** Save bytes the view produced (chart PNG/SVG/spec) through the host's save dialog. */
export interface SaveFileMessage {
  type: 'save-file';
  suggestedName: string;
  mimeType: string;
  data: ArrayBuffer;
}

/** Text for the system clipboard (webviews may not reach it themselves). */
export interface CopyMessage {
  type: 'copy';
  text: string;
  format: 'tsv' | 'csv' | 'markdown';
}

export interface CancelMessage {
  type: 'cancel';
  requestId: string;
}

export type ViewToHostMessage =
  | ReadyMessage
  | ChartQueryMessage
  | RerunMessage
  | ExportMessage
  | SaveFileMessage
  | CopyMessage
  | CancelMessage;

const HOST_TYPES = new Set<string>([
  'result-start',
  'result-batch',
  'result-end',
  'result-error',
  'chart-data',
  'request-error',
  'export-done',
  'theme',
]);
const VIEW_TYPES = new Set<string>([
  'ready',
  'chart-query',
  'rerun',
  'export',
  'save-file',
  'copy',
  'cancel',
]);

function typeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const t = (value as { type?: unknown }).type;
  return typeof t === 'string' ? t : undefined;
}

/** Guards for messages from the other side (a webview also receives unrelated messages). */
export function isHostToViewMessage(value: unknown): value is HostToViewMessage {
  const t = typeOf(value);
  return t !== undefined && HOST_TYPES.has(t);
}

export function isViewToHostMessage(value: unknown): value is ViewToHostMessage {
  const t = typeOf(value);
  return t !== undefined && VIEW_TYPES.has(t);
}

/** The ArrayBuffers of a message, to pass as the transfer list of `postMessage`. */
export function transferablesOf(message: HostToViewMessage | ViewToHostMessage): ArrayBuffer[] {
  if ('ipc' in message) return [message.ipc];
  if ('data' in message) return [message.data];
  return [];
}
