import type { TrinoStats } from './protocol';

/** What a host's progress UI shows for a running query; sent once per protocol page. */
export interface TrinoProgress {
  queryId: string;
  /** QUEUED, PLANNING, STARTING, RUNNING, FINISHING, FINISHED, FAILED. */
  state: string;
  /** 0-100 while Trino can estimate it. */
  percent?: number;
  processedRows: number;
  processedBytes: number;
  /** Rows this client has received so far. */
  receivedRows: number;
  splits: { total: number; queued: number; running: number; completed: number };
  elapsedMs: number;
  cpuMs: number;
}

export function progressOf(
  queryId: string,
  stats: TrinoStats,
  receivedRows: number,
): TrinoProgress {
  return {
    queryId,
    state: stats.state,
    percent: stats.progressPercentage,
    processedRows: stats.processedRows ?? 0,
    processedBytes: stats.processedBytes ?? 0,
    receivedRows,
    splits: {
      total: stats.totalSplits ?? 0,
      queued: stats.queuedSplits ?? 0,
      running: stats.runningSplits ?? 0,
      completed: stats.completedSplits ?? 0,
    },
    elapsedMs: stats.elapsedTimeMillis ?? 0,
    cpuMs: stats.cpuTimeMillis ?? 0,
  };
}
