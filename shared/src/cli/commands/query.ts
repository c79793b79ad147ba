// `loch query [--catalog C | --branch REF] [--schema S] [--max-rows N]
//   [--format table|csv|json|arrow] [--out FILE] SQL`, run through the CLI's LakehouseSession.
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { tableToIpc } from '../../arrow/ipc';
import { Table, type RecordBatch } from 'apache-arrow';
import type { QueryOutcome } from '../../lakehouse/query-run';
import type { TrinoProgress } from '../../trino/progress';
import { resolveConnection } from '../connection';
import { tableWriter } from '../format/writers';
import { csvWriter, jsonWriter, writeResult, type ResultWriter } from '../../results/text-writers';
import { UsageError, type CliIo } from '../io';
import { lakehouseSession } from './lakehouse-context';

export const FORMATS = ['table', 'csv', 'json', 'arrow'] as const;
export type Format = (typeof FORMATS)[number];

export interface QueryOptions {
  catalog?: string;
  branch?: string;
  schema?: string;
  format: Format;
  out?: string;
  /** Rows to print at most (a positive integer); the whole result without it. */
  maxRows?: number;
  url?: string;
  user?: string;
}

/** One progress line, showing `rows` (the caller's count, which never runs backwards). */
function progressLine(p: TrinoProgress, rows: number): string {
  const pct = p.percent !== undefined ? ` ${p.percent.toFixed(0)}%` : '';
  const count = rows.toLocaleString('en-US');
  return `\r${p.state}${pct}  ${count} rows  ${(p.elapsedMs / 1000).toFixed(1)} s`.padEnd(60);
}

const WIPE_PROGRESS = `\r${' '.repeat(60)}\r`;

/** A file written next to its target and renamed into place only when complete. */
class AtomicFile {
  readonly tmp: string;
  private stream: WriteStream | undefined;
  private failed: Error | undefined;
  constructor(readonly path: string) {
    this.tmp = `${path}.${randomBytes(4).toString('hex')}.partial`;
  }
  write(text: string): void {
    this.stream ??= createWriteStream(this.tmp).on('error', (e) => (this.failed = e));
    this.stream.write(text);
  }
  async commit(bytes?: Uint8Array): Promise<void> {
    if (bytes) await writeFile(this.tmp, bytes);
    else {
      this.stream ??= createWriteStream(this.tmp);
      await new Promise<void>((res, rej) =>
        this.stream!.end((e?: Error | null) => (e ? rej(e) : res())),
      );
    }
    if (this.failed) throw this.failed;
    await rename(this.tmp, this.path);
  }
  async discard(): Promise<void> {
    this.stream?.destroy();
    await rm(this.tmp, { force: true });
  }
}

/**
 * What stderr says after the rows: a DML/DDL statement's update (`DELETE: 2950 rows`), or that
 * the cap stopped the result (and how many rows it has, when Trino knows).
 */
export function outcomeNote(outcome: QueryOutcome, maxRows?: number): string | undefined {
  if (outcome.updateType) {
    if (outcome.updateCount === undefined) return outcome.updateType;
    const n = outcome.updateCount;
    return `${outcome.updateType}: ${n} ${n === 1 ? 'row' : 'rows'}`;
  }
  if (outcome.status !== 'capped') return undefined;
  const shown = outcome.rowsDelivered.toLocaleString('en-US');
  const total =
    outcome.totalRows !== undefined
      ? `${outcome.totalRows.toLocaleString('en-US')} rows in all`
      : 'the query was stopped there';
  return `loch: showed the first ${shown} rows (--max-rows ${maxRows}); more rows exist (${total})`;
}

export async function query(sqlArg: string, values: QueryOptions, io: CliIo): Promise<number> {
  const sql = sqlArg.trim();
  if (!sql) throw new UsageError('query needs SQL: loch query "SELECT 1"');
  const format = values.format;
  if (format === 'arrow' && !values.out) throw new UsageError('--format arrow needs --out FILE');
  const maxRows = values.maxRows;
  const conn = resolveConnection({ url: values.url, user: values.user }, io.env, io.err);
  if (values.branch !== undefined && values.catalog !== undefined) {
    throw new UsageError('--branch and --catalog exclude each other: a branch has its own catalog');
  }
  const session = lakehouseSession(io, { trino: conn, needsRefs: values.branch !== undefined });
  let shownProgress = false;
  let rowsShown = 0;
  // A Nessie ref is read through its catalog (the session routes it); --catalog names one.
  const run = session.query(sql, {
    ...(values.branch !== undefined ? { ref: values.branch } : { catalog: values.catalog ?? null }),
    schema: values.schema,
    maxRows,
    signal: io.signal,
    source: 'cli',
    onProgress: io.isTTY
      ? (p) => {
          shownProgress = true;
          // Trino's processedRows can step back (its final stats count rows differently from a
          // running stage's): progress on a terminal shows the most rows seen so far.
          rowsShown = Math.max(rowsShown, p.processedRows);
          io.err(progressLine(p, rowsShown));
        }
      : undefined,
    onWarning: (m) => io.err(`loch: warning: ${m}\n`),
  });
  const file = values.out ? new AtomicFile(values.out) : undefined;
  const write = file ? (t: string) => file.write(t) : io.out;
  try {
    if (format === 'arrow') {
      const batches: RecordBatch[] = [];
      for await (const b of run.batches()) batches.push(b);
      const table = batches.length ? new Table(batches) : new Table(await run.schema);
      await file!.commit(tableToIpc(table, 'file'));
    } else {
      const writer: ResultWriter =
        format === 'csv'
          ? csvWriter(write)
          : format === 'json'
            ? jsonWriter(write)
            : tableWriter(write);
      await writeResult(run, writer);
      await file?.commit();
    }
    const outcome = await run.outcome;
    if (shownProgress) io.err(WIPE_PROGRESS);
    const note = outcomeNote(outcome, maxRows);
    if (note) io.err(`${note}\n`);
    return 0;
  } catch (e) {
    // The error line takes the progress line's place.
    if (shownProgress) io.err(WIPE_PROGRESS);
    await file?.discard();
    throw e;
  }
}
