/** What `LakeListing` lists, and the page token that pins a paged listing to one commit. */
import { LochError } from '../errors';
import { printable } from '../nessie/errors';
import { isValidHash } from '../nessie/ref-names';

/** A Nessie namespace; `schema` is its Trino schema name (a nested `a.b` is ONE schema "a.b"). */
export interface NamespaceEntry {
  namespace: string[];
  schema: string;
  contentId?: string;
}

/** An Iceberg table or view in Nessie. */
export interface TableEntry {
  namespace: string[];
  name: string;
  kind: 'table' | 'view';
  contentId?: string;
  /** The current snapshot of a table (decimal string: Iceberg ids are 64-bit). */
  snapshotId?: string;
  metadataLocation?: string;
}

/** A column as Trino reports it for the table on the ref's catalog. */
export interface ColumnEntry {
  name: string;
  /** Trino's type, e.g. `decimal(12,2)`. */
  type: string;
  nullable: boolean;
  comment?: string;
}

export interface TablePage {
  entries: TableEntry[];
  /** Pass back as `pageToken` for the next page; absent on the last page. */
  nextPageToken?: string;
}

/** A page token that is not one `LakeListing.tables` handed out. */
export class InvalidPageTokenError extends LochError {
  override readonly name = 'InvalidPageTokenError';
  readonly code = 'invalid-page-token';
  constructor(readonly token: string) {
    super(`invalid page token '${printable(token, 40)}'`, {
      hint: 'list again from the first page',
    });
  }
}

/**
 * `<hash>.<offset>`: every page of one listing reads the same commit, so a ref moving between
 * pages neither repeats nor skips a table.
 */
export function pageToken(hash: string, offset: number): string {
  return `${hash}.${offset}`;
}

export function parsePageToken(token: string): { hash: string; offset: number } {
  const m = /^([0-9a-f]{8,64})\.(\d{1,9})$/.exec(token);
  if (!m || !isValidHash(m[1]!)) throw new InvalidPageTokenError(token);
  return { hash: m[1]!, offset: Number(m[2]) };
}
