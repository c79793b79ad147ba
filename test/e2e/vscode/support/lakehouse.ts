// Test data on the shared test platform, made through the core (never through the UI under
// test): a uniquely named branch whose data differs from main, removed afterwards.
import { RefCatalogs } from '../../../../shared/src/lakehouse/ref-catalogs';
import { NessieClient } from '../../../../shared/src/nessie/client';
import { lakeCatalogOf } from '../../../../shared/src/platform/local';
import { stateDir } from '../../../../shared/src/platform/paths';
import { readRecord } from '../../../../shared/src/platform/state';
import { nessieApiUrl, trino } from '../../../support/platform';

export function testLakehouse() {
  const record = readRecord(stateDir(process.env));
  if (!record) throw new Error('the test platform is not running');
  const base = lakeCatalogOf(record);
  const nessie = new NessieClient({ url: nessieApiUrl() });
  const run = (sql: string, options: { catalog?: string; signal?: AbortSignal } = {}) =>
    trino().statement(sql, { catalog: options.catalog, signal: options.signal });
  const catalogs = new RefCatalogs({
    run,
    nessie,
    baseProperties: base,
    staticCatalogs: { main: 'lake' },
  });
  return { nessie, run, catalogs };
}
