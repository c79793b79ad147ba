/**
 * What the lake lists, defined once for every front end (VS Code tree, JupyterLab sidebar,
 * `loch tables`):
 *
 * - refs: every branch, then every tag, each group by name in code-unit order (the same order
 *   in every host and locale; branches first because they are what people query and commit to);
 * - namespaces: Nessie NAMESPACE entries (Nessie refuses content in a namespace that does not
 *   exist, so no namespace is implied only by its tables);
 * - tables: Nessie ICEBERG_TABLE and ICEBERG_VIEW entries directly in one namespace, by name;
 *   other content types (Delta Lake, UDFs) are not something Trino's Iceberg catalog can read;
 * - columns: Trino's `information_schema.columns` on the ref's catalog, the relation SHOW COLUMNS
 *   is itself rewritten into, read directly so one query also yields `is_nullable`. Trino is the
 *   source rather than Iceberg metadata because its types are the ones queries see.
 *
 * Listings are cached per commit hash, not per ref name: every call reads the ref's head (one
 * small Nessie request), so a ref moved by anyone (a commit, another process) is re-listed,
 * while switching back and forth between refs costs nothing.
 */
import { LochError } from '../errors';
import type { NessieClient } from '../nessie/client';
import { validateRefName } from '../nessie/ref-names';
import { isIcebergTable, type Entry, type Reference } from '../nessie/types';
import { TableNotFoundError } from './errors';
import {
  InvalidPageTokenError,
  pageToken,
  parsePageToken,
  type ColumnEntry,
  type NamespaceEntry,
  type TableEntry,
  type TablePage,
} from './listing-types';
import { quoteIdentifier, quoteLiteral } from './sql-text';
import type { SqlRunner } from './sql-runner';

export type * from './listing-types';
export { InvalidPageTokenError } from './listing-types';

export interface ListingDeps {
  nessie: NessieClient;
  run: SqlRunner;
  /** The Trino catalog that reads `ref` (the session's ref routing). */
  catalogFor(ref: string, signal?: AbortSignal): Promise<string>;
}

/**
 * Listings of one commit. Promises, so concurrent callers share one request (a failed one,
 * including one cancelled by its first caller's signal, is forgotten and asked again).
 */
interface CommitListing {
  namespaces?: Promise<NamespaceEntry[]>;
  tables: Map<string, Promise<TableEntry[]>>;
  columns: Map<string, Promise<ColumnEntry[]>>;
}

/** Pages hold at most this many tables, whatever the caller asks. */
export const MAX_PAGE_SIZE = 10_000;

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A key for a list of names that no two different lists share. */
const listKey = (parts: readonly string[]) => JSON.stringify(parts);

/**
 * A CEL string literal for Nessie's entries filter, only for plain names; anything else is
 * filtered here instead (the server filter only saves transfer, it never decides).
 */
function celNamespaceFilter(namespace: readonly string[]): string | undefined {
  const types = "entry.contentType in ['ICEBERG_TABLE', 'ICEBERG_VIEW']";
  if (!namespace.every((e) => /^[A-Za-z0-9_$-]+$/.test(e))) return types;
  return `entry.namespace == '${namespace.join('.')}' && ${types}`;
}

function tableEntry(e: Entry): TableEntry {
  const c = e.content;
  return {
    namespace: e.elements.slice(0, -1),
    name: e.elements.at(-1)!,
    kind: e.type === 'ICEBERG_VIEW' ? 'view' : 'table',
    contentId: e.contentId ?? c?.id,
    snapshotId: isIcebergTable(c) ? c.snapshotId : undefined,
    metadataLocation: c?.metadataLocation,
  };
}

/** Refuses anything but a non-empty list of non-empty names, before any request. */
function validateNamespace(namespace: readonly string[]): void {
  if (!Array.isArray(namespace) || namespace.length === 0) {
    throw new InvalidNamespaceError(namespace);
  }
  for (const e of namespace) {
    if (typeof e !== 'string' || e.length === 0) throw new InvalidNamespaceError(namespace);
  }
}

/** A namespace argument that is not a non-empty list of non-empty names. */
export class InvalidNamespaceError extends LochError {
  override readonly name = 'InvalidNamespaceError';
  readonly code = 'invalid-namespace';
  constructor(readonly namespace: unknown) {
    super(`invalid namespace ${JSON.stringify(namespace)}: give its non-empty elements`);
  }
}

export class LakeListing {
  private readonly commits = new Map<string, CommitListing>();
  /** The head each ref name was last listed at, so `invalidate(ref)` knows what to drop. */
  private readonly heads = new Map<string, string>();

  constructor(private readonly deps: ListingDeps) {}

  /** Every branch, then every tag, each by name (code-unit order); read fresh every time. */
  async refs(signal?: AbortSignal): Promise<Reference[]> {
    const refs = await this.deps.nessie.listReferences({ signal });
    return refs
      .map((r) => ({ type: r.type, name: r.name, hash: r.hash }))
      .sort((a, b) =>
        a.type === b.type ? byCodeUnits(a.name, b.name) : a.type === 'BRANCH' ? -1 : 1,
      );
  }

  /** The namespaces on `ref`'s head, by Trino schema name. */
  async namespaces(ref: string, opts: { signal?: AbortSignal } = {}): Promise<NamespaceEntry[]> {
    const hash = await this.head(ref, opts.signal);
    const listing = this.listing(hash);
    let namespaces = listing.namespaces;
    if (!namespaces) {
      namespaces = this.readNamespaces(ref, hash, opts.signal);
      listing.namespaces = namespaces;
      const mine = namespaces;
      mine.catch(() => {
        if (listing.namespaces === mine) listing.namespaces = undefined;
      });
    }
    return namespaces;
  }

  /**
   * The Iceberg tables and views directly in `namespace` on `ref`, by name, in pages of
   * `pageSize` (default and most `MAX_PAGE_SIZE`). `nextPageToken` continues the same listing,
   * at the commit the first page read, even if the ref moved since.
   */
  async tables(
    ref: string,
    namespace: string[],
    opts: { pageToken?: string; pageSize?: number; signal?: AbortSignal } = {},
  ): Promise<TablePage> {
    validateRefName(ref);
    validateNamespace(namespace);
    const size = opts.pageSize ?? MAX_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      throw new RangeError(`page size must be an integer from 1 to ${MAX_PAGE_SIZE}, not ${size}`);
    }
    const from = opts.pageToken === undefined ? undefined : parsePageToken(opts.pageToken);
    const hash = from?.hash ?? (await this.head(ref, opts.signal));
    const all = await this.allTables(ref, hash, namespace, opts.signal);
    const offset = from?.offset ?? 0;
    if (offset > all.length) throw new InvalidPageTokenError(opts.pageToken!);
    const entries = all.slice(offset, offset + size);
    const next = offset + entries.length;
    return next < all.length ? { entries, nextPageToken: pageToken(hash, next) } : { entries };
  }

  /**
   * The columns of a table or view on `ref`, in table order. `TableNotFoundError` when Trino
   * sees no such relation on the ref's catalog.
   */
  async columns(
    ref: string,
    table: { namespace: string[]; name: string },
    opts: { signal?: AbortSignal } = {},
  ): Promise<ColumnEntry[]> {
    validateNamespace([...table.namespace, table.name]);
    const hash = await this.head(ref, opts.signal);
    const listing = this.listing(hash);
    const key = listKey([...table.namespace, table.name]);
    let columns = listing.columns.get(key);
    if (!columns) {
      columns = this.readColumns(ref, table, opts.signal);
      listing.columns.set(key, columns);
      columns.catch(() => listing.columns.delete(key));
    }
    return columns;
  }

  /**
   * Drops what is cached for `ref` (its last listed head), or everything. Hosts call it on a
   * commit they made or a ref switch; a ref moved elsewhere is noticed without it.
   */
  invalidate(ref?: string): void {
    if (ref === undefined) {
      this.commits.clear();
      this.heads.clear();
      return;
    }
    const hash = this.heads.get(ref);
    this.heads.delete(ref);
    if (hash !== undefined) this.commits.delete(hash);
  }

  private async head(ref: string, signal?: AbortSignal): Promise<string> {
    validateRefName(ref);
    const { hash } = await this.deps.nessie.getReference(ref, { signal });
    const previous = this.heads.get(ref);
    this.heads.set(ref, hash);
    // The ref moved: its old commit's listing is dropped unless another ref still points there.
    if (previous !== undefined && previous !== hash && ![...this.heads.values()].includes(previous))
      this.commits.delete(previous);
    return hash;
  }

  private listing(hash: string): CommitListing {
    let listing = this.commits.get(hash);
    if (!listing) {
      listing = { tables: new Map(), columns: new Map() };
      this.commits.set(hash, listing);
    }
    return listing;
  }

  private async readNamespaces(
    ref: string,
    hash: string,
    signal?: AbortSignal,
  ): Promise<NamespaceEntry[]> {
    const entries = await this.deps.nessie.entries(ref, {
      hash,
      filter: "entry.contentType == 'NAMESPACE'",
      signal,
    });
    return entries
      .filter((e) => e.type === 'NAMESPACE')
      .map((e) => ({ namespace: e.elements, schema: e.key, contentId: e.contentId }))
      .sort((a, b) => byCodeUnits(a.schema, b.schema));
  }

  private allTables(
    ref: string,
    hash: string,
    namespace: string[],
    signal?: AbortSignal,
  ): Promise<TableEntry[]> {
    // A page token can name a commit no ref is at any more: read it, but keep no cache for it.
    const current = [...this.heads.values()].includes(hash);
    const listing = current ? this.listing(hash) : { tables: new Map(), columns: new Map() };
    const key = listKey(namespace);
    let tables = listing.tables.get(key);
    if (!tables) {
      tables = (async () => {
        const entries = await this.deps.nessie.entries(ref, {
          hash,
          content: true,
          filter: celNamespaceFilter(namespace),
          signal,
        });
        return entries
          .filter(
            (e) =>
              (e.type === 'ICEBERG_TABLE' || e.type === 'ICEBERG_VIEW') &&
              listKey(e.elements.slice(0, -1)) === key,
          )
          .map(tableEntry)
          .sort((a, b) => byCodeUnits(a.name, b.name));
      })();
      listing.tables.set(key, tables);
      tables.catch(() => listing.tables.delete(key));
    }
    return tables;
  }

  private async readColumns(
    ref: string,
    table: { namespace: string[]; name: string },
    signal?: AbortSignal,
  ): Promise<ColumnEntry[]> {
    const catalog = await this.deps.catalogFor(ref, signal);
    const schema = table.namespace.join('.');
    const r = await this.deps.run(
      'SELECT column_name, data_type, is_nullable, comment ' +
        `FROM ${quoteIdentifier(catalog)}.information_schema.columns ` +
        `WHERE table_schema = ${quoteLiteral(schema)} AND table_name = ${quoteLiteral(table.name)} ` +
        'ORDER BY ordinal_position',
      { signal },
    );
    // Every relation has a column, so no rows means Trino sees no such table on this ref.
    if (r.rows.length === 0) throw new TableNotFoundError(`${schema}.${table.name}`, ref);
    return r.rows.map(([name, type, nullable, comment]) => ({
      name: String(name),
      type: String(type),
      nullable: nullable !== 'NO',
      ...(comment === null || comment === undefined ? {} : { comment: String(comment) }),
    }));
  }
}
