// Which Trino catalog reads a Nessie ref. The ref the profile's own catalog reads (its
// `iceberg.nessie-catalog.ref`, Trino's default `main`) goes there; any other ref through the
// catalog the core's RefCatalogs creates on demand (Trino fixes the Nessie ref per catalog).
import { lakeCatalogRef, RefCatalogs, NessieClient, RefNotQueryableError } from '@loch/core';
import type { Connection } from '../connections/manager';

export type CatalogForRef = (
  conn: Connection,
  ref: string,
  signal?: AbortSignal,
) => Promise<string>;

const byConnection = new WeakMap<Connection, RefCatalogs | undefined>();

/** The core's RefCatalogs for a connection (one per connection), when its lake is known. */
export function refCatalogsFor(conn: Connection): RefCatalogs | undefined {
  if (!byConnection.has(conn)) byConnection.set(conn, refCatalogsOf(conn));
  return byConnection.get(conn);
}

/** The ref the profile's own catalog reads. */
function lakeRef(conn: Connection): string {
  return lakeCatalogRef(conn.lakeCatalogProperties, conn.defaultBranch);
}

function refCatalogsOf(conn: Connection): RefCatalogs | undefined {
  if (!conn.nessie || !conn.lakeCatalogProperties) return undefined;
  return new RefCatalogs({
    // The connection's own client: its auth and TLS, no new client per statement.
    run: (sql, options) => conn.client.statement(sql, options),
    nessie: new NessieClient(conn.nessie),
    baseProperties: conn.lakeCatalogProperties,
    staticCatalogs: { [lakeRef(conn)]: conn.profile.catalog },
  });
}

/** Resolves (creating when needed) the catalog of a ref; one RefCatalogs per connection. */
export function catalogResolver(): CatalogForRef {
  return async (conn, ref, signal) => {
    if (ref === lakeRef(conn)) return conn.profile.catalog;
    const catalogs = refCatalogsFor(conn);
    if (!catalogs) {
      throw new RefNotQueryableError(
        ref,
        'it needs its own Trino catalog, and the lake catalog is unknown',
        `set lakeCatalogProperties in the profile "${conn.profile.name}"`,
      );
    }
    return (await catalogs.ensure(ref, signal)).catalog;
  };
}
