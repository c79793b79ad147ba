/**
 * One lakehouse connection: the Trino and Nessie clients, the per-ref catalogs and their
 * routing, the current ref, the query path (caps, pins, history) and the events hosts render.
 * The VS Code extension, the JupyterLab plugin and the `loch` CLI each hold one per connection
 * and adapt it; behaviour is written here once. Browser-safe: no Node imports.
 */
import type { NessieClient } from '../nessie/client';
import type { MergeResult, Reference, RefType } from '../nessie/types';
import { createRef, deleteRefOfType, type DeletedRef } from './branches';
import { LakeListing } from './catalog-listing';
import { mergePreviewed, previewMerge, type MergePreview } from './merge-preview';
import { diffRefs, refLog, type RefDiff, type RefLog } from './ref-changes';
import {
  tableDetails,
  timeTravelSql,
  type TableDetails,
  type TableDetailsOptions,
} from './table-details';
import { validateRefName } from '../nessie/ref-names';
import { splitStatements } from '../sql/statements';
import type { TrinoClient, TrinoProgress, TrinoSession } from '../trino/client';
import { QueryHistory, type HistoryEntry } from './history';
import { pinTables, tablesReadBy, type ResultPin } from './pinning';
import { RefCatalogs } from './ref-catalogs';
import { lakeStaticCatalogs, RefNotQueryableError, RefRouting } from './ref-routing';
import type { SqlRunner } from './sql-runner';
import {
  checkMaxRows,
  SessionQueryRun,
  type PreparedQuery,
  type QueryOutcome,
  type QueryRun,
} from './query-run';

export interface LakehouseSessionOptions {
  /**
   * The connection's Trino client, or how to make it on first use (the CLI's ref commands need
   * only Nessie, and must not fail for want of a Trino they never call).
   */
  trino: TrinoClient | (() => TrinoClient);
  nessie: NessieClient;
  /** The static catalog, e.g. `lake`. */
  lakeCatalog: string;
  /** Its properties (minus nothing); unknown means only the lake's own ref is queryable. */
  lakeCatalogProperties?: Record<string, string>;
  /** The ref queries run on; else Nessie's default branch (read by `init`). */
  defaultRef?: string;
  history?: {
    maxEntries: number;
    initial?: HistoryEntry[];
    save?(entries: HistoryEntry[]): void;
  };
}

export interface SessionQueryOptions {
  /** The ref to read; the current ref by default. */
  ref?: string;
  /** Row cap (a whole number >= 1); none by default. */
  maxRows?: number;
  /** At the cap, keep the query open for `loadMore` instead of cancelling it. */
  keepOpen?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: TrinoProgress) => void;
  onWarning?: (message: string) => void;
  /** Who runs it (`editor`, `notebook`, `cli`...), kept in the history entry. */
  source?: string;
  /**
   * Run in this Trino catalog instead of a ref's (`null`: no default catalog, names are fully
   * qualified). No ref is resolved and nothing is pinned: `loch query --catalog tpch`.
   */
  catalog?: string | null;
  schema?: string;
}

/** A ref moved because of something this session did (a statement committed, a merge). */
export interface CommitEvent {
  ref: string;
  /** The new head. */
  hash: string;
  previousHash?: string;
}

export interface Disposable {
  dispose(): void;
}

class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();
  on(listener: (value: T) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  fire(value: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch {
        // One host view failing must not stop the others (or the query) hearing the event.
      }
    }
  }
}

/** Statements Trino can plan with EXPLAIN (TYPE IO): only they have tables to pin. */
const READS_TABLES = /^(select|with|table|values|insert|delete|update|merge|create\s+table)\b/i;

function firstWords(sql: string): string {
  return sql.replace(/^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)+/, '');
}

let historyIds = 0;

export class LakehouseSession {
  readonly nessie: NessieClient;
  readonly catalogs: RefCatalogs;
  readonly history: QueryHistory;
  readonly lakeCatalog: string;
  /** SQL run to completion on this session's Trino client (auth, TLS, fetch of the host). */
  readonly run: SqlRunner;
  /** What every front end lists (refs, namespaces, tables and views, columns), cached per hash. */
  readonly listing: LakeListing;

  private readonly routing: RefRouting;
  private trinoClient: TrinoClient | undefined;
  private ref: string | undefined;
  private defaultBranch: string | undefined;
  private initializing: Promise<void> | undefined;
  private readonly refChanged = new Emitter<string>();
  private readonly committed = new Emitter<CommitEvent>();

  constructor(private readonly options: LakehouseSessionOptions) {
    this.nessie = options.nessie;
    this.lakeCatalog = options.lakeCatalog;
    if (options.defaultRef !== undefined) this.ref = validateRefName(options.defaultRef);
    this.run = (sql, o) => this.trino.statement(sql, o);
    const props = options.lakeCatalogProperties;
    this.catalogs = new RefCatalogs({
      run: this.run,
      nessie: this.nessie,
      // Unknown properties: a ref catalog would be a catalog on nothing, so none is made.
      baseProperties:
        props ??
        (() => {
          throw new RefNotQueryableError(undefined, this.defaultBranch ?? 'main');
        }),
      staticCatalogs: lakeStaticCatalogs(options.lakeCatalog, props),
    });
    this.routing = new RefRouting({
      lakeCatalog: options.lakeCatalog,
      lakeCatalogProperties: props,
      catalogs: this.catalogs,
    });
    this.history = new QueryHistory(options.history ?? { maxEntries: 100 });
    this.listing = new LakeListing({
      nessie: this.nessie,
      run: this.run,
      catalogFor: (ref, signal) => this.catalogFor(ref, signal),
    });
    // The listing re-reads a ref's head on each call; a commit we know of frees the old entries.
    this.committed.on((e) => this.listing.invalidate(e.ref));
  }

  /** The connection's Trino client (made on first use when the options gave a factory). */
  get trino(): TrinoClient {
    const t = this.options.trino;
    return (this.trinoClient ??= typeof t === 'function' ? t() : t);
  }

  /** Reads Nessie's default branch (the current ref when none was configured). */
  init(signal?: AbortSignal): Promise<void> {
    this.initializing ??= (async () => {
      const config = await this.nessie.config(signal);
      this.defaultBranch = config.defaultBranch;
      this.ref ??= config.defaultBranch;
    })();
    // A failed init (Nessie down, aborted) may be retried.
    this.initializing.catch(() => (this.initializing = undefined));
    return this.initializing;
  }

  get currentRef(): string {
    if (this.ref === undefined) {
      throw new Error('the session has no current ref yet: await init() first');
    }
    return this.ref;
  }

  setCurrentRef(ref: string): void {
    validateRefName(ref);
    if (ref === this.ref) return;
    this.ref = ref;
    this.refChanged.fire(ref);
  }

  onDidChangeRef(listener: (ref: string) => void): Disposable {
    return this.refChanged.on(listener);
  }

  /** A ref moved through this session: caches keyed by its old hash are stale. */
  onDidCommit(listener: (event: CommitEvent) => void): Disposable {
    return this.committed.on(listener);
  }

  /** For operations outside the query path (merge, branch create) that moved a ref. */
  noteCommit(event: CommitEvent): void {
    this.committed.fire(event);
  }

  /**
   * The Trino catalog that reads `ref`: the lake catalog for the ref it reads, else the ref's
   * own catalog (created on first use). Throws `RefNotQueryableError` when that needs the lake
   * catalog's properties and they are unknown.
   */
  async catalogFor(ref: string, signal?: AbortSignal): Promise<string> {
    validateRefName(ref);
    const props = this.options.lakeCatalogProperties;
    // Known properties name the lake's ref themselves; else it is Nessie's default branch.
    if (!props && this.defaultBranch === undefined) await this.init(signal);
    return this.routing.catalogFor(ref, this.defaultBranch ?? 'main', signal);
  }

  /**
   * Runs one statement on a ref (default: the current ref) through the ref's catalog.
   *
   * Pin rule, the same for every host: the ref's head is read just before the statement is
   * sent, and the tables it reads are pinned at that hash. Before, not after: a statement that
   * writes (DELETE, INSERT ... SELECT) moves the head, and a pin taken afterwards would name
   * snapshots the statement never read; for a read-only statement both moments agree unless
   * someone else commits meanwhile, and then the earlier hash is the one Trino planned against.
   */
  query(sql: string, opts: SessionQueryOptions = {}): QueryRun {
    return this.start(sql, opts);
  }

  /** `query`, optionally continuing the Trino session a previous statement of a script left. */
  private start(sql: string, opts: SessionQueryOptions, carried?: TrinoSession): SessionQueryRun {
    const explicit = opts.catalog !== undefined;
    const ref = explicit ? (opts.ref ?? '') : (opts.ref ?? this.currentRef);
    const maxRows = checkMaxRows(opts.maxRows ?? Infinity);
    let head: string | undefined;
    const run = new SessionQueryRun({
      sql,
      ref,
      maxRows,
      keepOpen: opts.keepOpen ?? false,
      signal: opts.signal,
      prepare: async (signal) => {
        // A carried session keeps its catalog and schema (a script's `USE` holds for the rest).
        const start = (catalog: string | undefined) =>
          this.trino.query(sql, {
            session: carried,
            catalog: carried ? undefined : catalog,
            schema: carried ? undefined : opts.schema,
            signal,
            onProgress: opts.onProgress,
            onWarning: opts.onWarning,
          });
        if (explicit) {
          const catalog = carried?.catalog ?? opts.catalog ?? undefined;
          return { query: start(catalog), catalog: catalog ?? '', pin: Promise.resolve(undefined) };
        }
        const catalog = await this.catalogFor(ref, signal);
        head = (await this.nessie.getReference(ref, { signal })).hash;
        const prepared: PreparedQuery = {
          query: start(catalog),
          catalog: carried?.catalog ?? catalog,
          pin: this.pin(sql, ref, catalog, head, signal, {
            catalog: carried?.catalog ?? catalog,
            schema: carried ? carried.schema : opts.schema,
          }),
        };
        return prepared;
      },
      settled: async (outcome) => {
        if (outcome.updateType && ref && head) await this.commitCheck(ref, head);
        this.record(outcome, head, opts.source);
      },
      failed: (error, startedAt) =>
        this.recordFailure({ sql, ref, refHash: head, source: opts.source, startedAt }, error),
    });
    return run;
  }

  /**
   * Splits `text` into statements (the core splitter) and runs them in order, one run each; a
   * statement starts when the caller asks for the next run, after the previous one ended. Stops
   * after the first that failed or was cancelled. Statements share one Trino session, as in a
   * SQL shell: `USE lake.demo; SELECT * FROM orders` reads `lake.demo.orders`.
   */
  async *queryScript(text: string, opts: SessionQueryOptions = {}): AsyncGenerator<QueryRun> {
    let carried: TrinoSession | undefined;
    for (const statement of splitStatements(text)) {
      const run = this.start(statement.sql, opts, carried);
      yield run;
      const outcome = await run.outcome;
      if (outcome.status === 'failed' || outcome.status === 'cancelled') return;
      carried = (await run.trinoSession) ?? carried;
    }
  }

  /** Runs a history entry again, on the ref it ran on unless `opts.ref` says otherwise. */
  rerun(entry: HistoryEntry, opts: Omit<SessionQueryOptions, 'catalog'> = {}): QueryRun {
    const ref = opts.ref ?? (entry.ref || undefined);
    return this.query(entry.sql, {
      source: entry.source,
      ...opts,
      ref,
      // An entry run in a named catalog (no ref) runs there again.
      ...(ref === undefined ? { catalog: entry.catalog || null } : {}),
    });
  }

  /**
   * What merging `from` into `into` would do, conflicts as data; pass it to `merge` to land
   * exactly what was shown.
   */
  previewMerge(from: string, into: string, signal?: AbortSignal): Promise<MergePreview> {
    return previewMerge(this.nessie, from, into, signal);
  }

  /**
   * Merges a preview onto the target head it showed (`MergeTargetMovedError` if the target moved
   * since, with nothing changed) and tells listeners the target moved.
   */
  async merge(
    preview: MergePreview,
    opts: { message?: string; signal?: AbortSignal } = {},
  ): Promise<MergeResult> {
    const result = await mergePreviewed(this.nessie, preview, opts);
    if (result.wasApplied && result.resultantTargetHash) {
      this.noteCommit({
        ref: preview.into.name,
        hash: result.resultantTargetHash,
        previousHash: preview.into.hash,
      });
    }
    return result;
  }

  /** Creates a branch or tag from `from` (default: Nessie's default branch). */
  createRef(
    type: RefType,
    name: string,
    from?: string | Reference,
    signal?: AbortSignal,
  ): Promise<Reference> {
    return createRef(this.nessie, type, name, from, signal);
  }

  /**
   * Deletes a branch or tag of `type` and its Trino catalog; the current ref falls back to the
   * default branch when it was the one deleted.
   */
  async deleteRef(
    name: string,
    type: RefType,
    opts: { expectedHash?: string; signal?: AbortSignal } = {},
  ): Promise<DeletedRef> {
    const deleted = await deleteRefOfType(this.nessie, this.catalogs, name, type, opts);
    this.listing.invalidate(name);
    if (this.ref === name && this.defaultBranch !== undefined && name !== this.defaultBranch) {
      this.setCurrentRef(this.defaultBranch);
    }
    return deleted;
  }

  /** The keys added, removed or modified from `from` to `to`. */
  diff(from: string, to: string, signal?: AbortSignal): Promise<RefDiff> {
    return diffRefs(this.nessie, from, to, signal);
  }

  /** Up to `limit` commits of `ref`, newest first. */
  log(ref: string, opts: { limit?: number; signal?: AbortSignal } = {}): Promise<RefLog> {
    return refLog(this.nessie, ref, opts);
  }

  /**
   * Schema (with field ids when `readMetadata` can read the metadata file), partition spec,
   * snapshots, files and properties of `schema.table` as `ref` has it.
   */
  async tableDetails(
    ref: string,
    table: { schema: string; table: string },
    options: TableDetailsOptions = {},
  ): Promise<TableDetails> {
    const catalog = await this.catalogFor(ref, options.signal);
    return tableDetails(this.run, { catalog, ...table }, options);
  }

  /** The SELECT that reads `schema.table` on `ref` as of a snapshot id or a point in time. */
  async timeTravelSql(
    ref: string,
    table: { schema: string; table: string },
    at: { snapshotId: string | bigint } | { timestamp: string | Date },
    signal?: AbortSignal,
  ): Promise<string> {
    return timeTravelSql({ catalog: await this.catalogFor(ref, signal), ...table }, at);
  }

  private async pin(
    sql: string,
    ref: string,
    catalog: string,
    hash: string,
    signal: AbortSignal,
    /** Where the statement resolves unqualified names. */
    names: { catalog?: string; schema?: string },
  ): Promise<ResultPin | undefined> {
    try {
      let keys: string[] = [];
      if (READS_TABLES.test(firstWords(sql))) {
        const inputs = await tablesReadBy(this.run, sql, { ...names, signal }).catch(() => []);
        keys = inputs.filter((t) => t.catalog === catalog).map((t) => `${t.schema}.${t.table}`);
      }
      return await pinTables(this.nessie, ref, keys, { hash, signal });
    } catch {
      // A pin is a record of what was read; failing to make one must not fail the query.
      return undefined;
    }
  }

  /** Fires `onDidCommit` when `ref`'s head moved since `before`. */
  private async commitCheck(ref: string, before: string): Promise<void> {
    try {
      const now = (await this.nessie.getReference(ref)).hash;
      if (now !== before) this.committed.fire({ ref, hash: now, previousHash: before });
    } catch {
      // Nessie unreachable now: the next listing notices the new head anyway.
    }
  }

  private record(outcome: QueryOutcome, refHash: string | undefined, source?: string): void {
    this.add({
      id: '',
      sql: outcome.sql,
      ref: outcome.ref,
      refHash,
      catalog: outcome.catalog,
      queryId: outcome.queryId || undefined,
      status: outcome.status,
      rows: outcome.rowsDelivered,
      moreRows: outcome.moreRows,
      totalRows: outcome.totalRows,
      updateType: outcome.updateType,
      updateCount: outcome.updateCount,
      startedAt: outcome.startedAt,
      elapsedMs: outcome.elapsedMs,
      error: outcome.error,
      source,
    });
  }

  private recordFailure(
    run: { sql: string; ref: string; refHash?: string; source?: string; startedAt: Date },
    error: unknown,
  ): void {
    const e = error as { oneLine?: () => string; message?: string } | undefined;
    const line = typeof e?.oneLine === 'function' ? e.oneLine() : String(e?.message ?? error);
    this.add({
      id: '',
      sql: run.sql,
      ref: run.ref,
      refHash: run.refHash,
      catalog: '',
      status: 'failed',
      rows: 0,
      startedAt: run.startedAt.toISOString(),
      elapsedMs: Date.now() - run.startedAt.getTime(),
      error: line.split('\n')[0],
      source: run.source,
    });
  }

  /** Adds an entry with a fresh id and without absent fields (entries are persisted as JSON). */
  private add(entry: HistoryEntry): void {
    const clean = Object.fromEntries(
      Object.entries(entry).filter(([, v]) => v !== undefined),
    ) as unknown as HistoryEntry;
    clean.id = `${Date.now()}-${++historyIds}`;
    this.history.add(clean);
  }
}
