// The JSON documents of Trino's client REST protocol (POST /v1/statement, then nextUri), as
// Trino 476 sends them. Only the fields Loch reads are typed.

/** The HTTP statuses the protocol tells clients to retry after a pause. */
export const RETRY_STATUS: ReadonlySet<number> = new Set([502, 503, 504]);

export type TrinoTypeArgument =
  | { kind: 'TYPE'; value: TrinoTypeSignature }
  | { kind: 'LONG'; value: number }
  | {
      kind: 'NAMED_TYPE';
      value: { fieldName?: { name: string }; typeSignature: TrinoTypeSignature };
    }
  | { kind: 'VARIABLE'; value: string };

export interface TrinoTypeSignature {
  rawType: string;
  arguments: TrinoTypeArgument[];
}

export interface TrinoColumn {
  name: string;
  /** Trino's type text, e.g. `decimal(12, 2)`. */
  type: string;
  typeSignature?: TrinoTypeSignature;
}

export interface TrinoStats {
  state: string;
  queued?: boolean;
  scheduled?: boolean;
  progressPercentage?: number;
  nodes?: number;
  totalSplits?: number;
  queuedSplits?: number;
  runningSplits?: number;
  completedSplits?: number;
  cpuTimeMillis?: number;
  wallTimeMillis?: number;
  elapsedTimeMillis?: number;
  processedRows?: number;
  processedBytes?: number;
  physicalInputBytes?: number;
  peakMemoryBytes?: number;
}

export interface TrinoErrorInfo {
  message: string;
  errorCode: number;
  errorName: string;
  errorType: string;
  errorLocation?: { lineNumber: number; columnNumber: number };
  failureInfo?: { type?: string };
}

export interface TrinoWarning {
  warningCode?: { code: number; name: string };
  message: string;
}

/** One page of the protocol: a `QueryResults` document. */
export interface QueryResults {
  id: string;
  infoUri?: string;
  partialCancelUri?: string;
  nextUri?: string;
  columns?: TrinoColumn[];
  data?: unknown[][];
  stats?: TrinoStats;
  error?: TrinoErrorInfo;
  warnings?: TrinoWarning[];
  updateType?: string;
  updateCount?: number;
}
