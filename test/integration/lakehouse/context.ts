// The branch work's view of the shared test platform: a Nessie client, a SQL runner and ref
// catalogs built the way the CLI builds them, plus helpers that clean up what a test created.
import { RefCatalogs } from '../../../shared/src/lakehouse/ref-catalogs';
import type { SqlRunner } from '../../../shared/src/lakehouse/sql-runner';
import { NessieClient } from '../../../shared/src/nessie/client';
import { lakeCatalogOf } from '../../../shared/src/platform/local';
import { stateDir } from '../../../shared/src/platform/paths';
import { readRecord } from '../../../shared/src/platform/state';
import { nessieApiUrl, trino, uniqueName } from '../../support/platform';

export function baseProperties(): Record<string, string> {
  const record = readRecord(stateDir());
  if (!record) throw new Error('no platform record: run integration tests through `npm test`');
  return lakeCatalogOf(record);
}

export interface Lakehouse {
  nessie: NessieClient;
  run: SqlRunner;
  catalogs: RefCatalogs;
  /** Every SQL statement `run` sent, for "nothing was sent" assertions. */
  sent: string[];
}

export function lakehouse(): Lakehouse {
  const nessie = new NessieClient({ url: nessieApiUrl() });
  const sent: string[] = [];
  const run: SqlRunner = (sql, o = {}) => {
    sent.push(sql);
    return trino().statement(sql, { catalog: o.catalog, schema: o.schema, signal: o.signal });
  };
  return {
    nessie,
    run,
    sent,
    catalogs: new RefCatalogs({ run, nessie, baseProperties: baseProperties() }),
  };
}

/** A unique legal ref name with `/` and `.` in it (`it/<prefix>.<unique>`). */
export function uniqueRef(prefix: string): string {
  return `it/${prefix}.${uniqueName('r').replace(/_/g, '-')}`;
}

/** Deletes refs (and their catalogs) that still exist; for `after` hooks. */
export async function cleanup(lh: Lakehouse, refs: string[]): Promise<void> {
  for (const name of refs) {
    try {
      const ref = await lh.nessie.getReference(name);
      await lh.nessie.deleteReference(name, { expectedHash: ref.hash, type: ref.type });
    } catch {
      // already gone
    }
    await lh.catalogs.drop(name).catch(() => undefined);
  }
}

export async function catalogExists(catalog: string): Promise<boolean> {
  const r = await trino().statement('SHOW CATALOGS');
  return r.rows.some((row) => row[0] === catalog);
}

export async function count(lh: Lakehouse, sql: string, catalog?: string): Promise<number> {
  const r = await lh.run(sql, { catalog });
  return Number(r.rows[0]![0]);
}
