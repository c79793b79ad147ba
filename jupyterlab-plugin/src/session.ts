// One connection to the lakehouse for the whole page: the core's Trino and Nessie clients over
// the Jupyter server's proxy, the per-ref Trino catalogs, and the current ref (shared by the
// sidebar, SQL cells and the console).
import { Signal, type ISignal } from '@lumino/signaling';
import {
  NessieClient,
  type Reference,
  lakeCatalogRef,
  RefCatalogs,
  type SqlRunner,
  pinQuery,
  type ResultPin,
  TrinoClient,
  RefNotQueryableError,
} from '@loch/core';
import { Table, type RecordBatch } from 'apache-arrow';
import { proxiedFetch, type LochSettings, type ServerDefaults } from './endpoints';

/** The static catalog of the default branch, as `loch up` configures it. */
export const LAKE_CATALOG = 'lake';

export interface QueryOutcome {
  table: Table;
  /** False when the result had more rows than the `maxRows` setting (the query was stopped). */
  complete: boolean;
  queryId: string;
  ref: string;
  catalog: string;
  /** The Nessie commit and Iceberg snapshots read (undefined if they could not be pinned). */
  pin?: ResultPin;
}

export class LochSession {
  readonly trino: TrinoClient;
  readonly nessie: NessieClient;
  readonly catalogs: RefCatalogs;
  readonly trinoUrl: string;
  readonly nessieUrl: string;
  private ref: string;
  /** Nessie's default branch (from `init`): the ref `lake` is taken to read when its properties are unknown. */
  private defaultBranch = 'main';
  private readonly refChangedSignal = new Signal<this, string>(this);

  constructor(
    readonly settings: LochSettings,
    readonly defaults: ServerDefaults,
  ) {
    this.trinoUrl = settings.trinoUrl || defaults.trinoUrl;
    this.nessieUrl = settings.nessieUrl || defaults.nessieUrl;
    this.trino = new TrinoClient({
      url: this.trinoUrl,
      user: settings.trinoUser,
      fetch: proxiedFetch('trino', this.trinoUrl, { target: settings.trinoUrl || undefined }),
    });
    this.nessie = new NessieClient({
      url: this.nessieUrl,
      fetch: proxiedFetch('nessie', this.nessieUrl, { target: settings.nessieUrl || undefined }),
    });
    this.catalogs = new RefCatalogs({
      run: this.run,
      nessie: this.nessie,
      baseProperties: defaults.lakeCatalog ?? {},
      // Properties known: the server's lake catalog (default branch fixed at construction).
      staticCatalogs: { [lakeCatalogRef(defaults.lakeCatalog, 'main')]: LAKE_CATALOG },
    });
    this.ref = settings.defaultRef || 'main';
  }

  /** Asks Nessie for its default branch when no ref was configured. */
  async init(signal?: AbortSignal): Promise<void> {
    if (this.settings.defaultRef) return;
    const config = await this.nessie.config(signal);
    this.defaultBranch = config.defaultBranch;
    this.ref = config.defaultBranch;
  }

  get currentRef(): string {
    return this.ref;
  }

  get refChanged(): ISignal<this, string> {
    return this.refChangedSignal;
  }

  setCurrentRef(ref: string): void {
    if (ref === this.ref) return;
    this.ref = ref;
    this.refChangedSignal.emit(ref);
  }

  /** The core's SqlRunner over this session's Trino. */
  readonly run: SqlRunner = (sql, options) => this.trino.statement(sql, options);

  /** The Trino catalog of `ref`, created on first use (except the ref `lake` itself reads). */
  async catalogFor(ref: string, signal?: AbortSignal): Promise<string> {
    if (ref === lakeCatalogRef(this.defaults.lakeCatalog, this.defaultBranch)) return LAKE_CATALOG;
    if (!this.defaults.lakeCatalog) {
      throw new RefNotQueryableError(
        ref,
        "the server does not know the lake catalog's properties",
        'restart the platform with a current `loch up`',
      );
    }
    return (await this.catalogs.ensure(ref, signal)).catalog;
  }

  async references(signal?: AbortSignal): Promise<Reference[]> {
    const refs = await this.nessie.listReferences({ signal });
    return refs.sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Runs `sql` on `ref` (default: the current ref) with the ref's catalog as the session
   * catalog, then records what it read. Aborting `signal` cancels the query on the server.
   */
  async query(
    sql: string,
    options: { ref?: string; signal?: AbortSignal; onQueryId?: (id: string) => void } = {},
  ): Promise<QueryOutcome> {
    const ref = options.ref || this.ref;
    const catalog = await this.catalogFor(ref, options.signal);
    const q = this.trino.query(sql, { catalog, signal: options.signal });
    void q.queryId.then(
      (id) => options.onQueryId?.(id),
      () => undefined,
    );
    // At most maxRows rows reach the page: past that the query is cancelled on the server and
    // the viewer pushes sort/filter/aggregations down to Trino (complete = false).
    const batches: RecordBatch[] = [];
    let rows = 0;
    let complete = true;
    for await (const batch of q.batches()) {
      batches.push(batch);
      rows += batch.numRows;
      if (rows > this.settings.maxRows) {
        complete = false;
        await q.cancel();
        break;
      }
    }
    let table = batches.length ? new Table(batches) : new Table(await q.schema);
    if (table.numRows > this.settings.maxRows) table = table.slice(0, this.settings.maxRows);
    const queryId = await q.queryId;
    const pin = await this.pin(sql, ref, catalog, options.signal).catch(() => undefined);
    return { table, complete, queryId, ref, catalog, pin };
  }

  /** The ref hash and snapshot ids of the lake tables `sql` reads on `catalog`. */
  private async pin(
    sql: string,
    ref: string,
    catalog: string,
    signal?: AbortSignal,
  ): Promise<ResultPin | undefined> {
    if (!/^\s*(select|with|table|values)\b/i.test(sql)) return undefined;
    return pinQuery(this.run, this.nessie, sql, ref, catalog, { signal });
  }
}
