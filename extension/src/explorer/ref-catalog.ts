// Which Trino catalog reads a Nessie ref. Nessie's default branch is read through the profile's
// own catalog; any other ref through a catalog the core creates on demand (Trino fixes the
// Nessie ref per catalog).
import type { Connection } from '../connections/manager';

export type CatalogForRef = (
  conn: Connection,
  ref: string,
  signal?: AbortSignal,
) => Promise<string>;

export class RefNotQueryableError extends Error {
  override readonly name = 'RefNotQueryableError';
}

export const defaultCatalogForRef: CatalogForRef = async (conn, ref) => {
  if (ref === conn.defaultBranch) return conn.profile.catalog;
  throw new RefNotQueryableError(
    `querying "${ref}" needs a Trino catalog for that ref, which this build cannot create yet`,
  );
};
