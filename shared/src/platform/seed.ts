import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { NessieClient } from '../nessie/client';
import { splitStatements } from '../sql/statements';
import type { TrinoClient } from '../trino/client';
import { errorLine } from '../errors';
import { PlatformError } from './errors';

/** The seed scripts in the order they run (`samples/seed/NNN-*.sql`). */
export function seedScripts(resources: string): string[] {
  const dir = join(resources, 'samples', 'seed');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Creates the sample data on Nessie `main`. Every statement is idempotent (IF NOT EXISTS,
 * MERGE ... WHEN NOT MATCHED), so seeding again adds no rows.
 */
export async function seed(
  trino: TrinoClient,
  resources: string,
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  for (const file of seedScripts(resources)) {
    const name = file.slice(file.lastIndexOf('/') + 1);
    log(`seeding ${name}`);
    for (const stmt of splitStatements(readFileSync(file, 'utf8'))) {
      try {
        await trino.statement(stmt.sql, { signal });
      } catch (e) {
        const why = errorLine(e);
        throw new PlatformError(
          `seeding failed in ${name}: ${why}`,
          'fix the statement and run `loch up --seed` again',
          'seed-failed',
        );
      }
    }
  }
}

export interface SeedSummary {
  /** Row count of each demo table, read back through Trino. */
  rows: Record<string, number>;
  /** The demo tables Nessie lists on main. */
  nessieTables: string[];
}

export const DEMO_TABLES = ['orders', 'lineitem', 'sensor_readings'] as const;

/** Reads the samples back through both servers, so `loch up --seed` shows they really answer. */
export async function seedSummary(
  trino: TrinoClient,
  nessieApi: string,
  signal?: AbortSignal,
): Promise<SeedSummary> {
  const rows: Record<string, number> = {};
  for (const t of DEMO_TABLES) {
    const r = await trino.statement(`SELECT count(*) FROM lake.demo.${t}`, { signal });
    rows[t] = Number(r.rows[0]![0]);
  }
  const entries = await new NessieClient({ url: nessieApi }).entries('main', { signal });
  const nessieTables = entries
    .filter((e) => e.type === 'ICEBERG_TABLE' && e.elements[0] === 'demo')
    .map((e) => e.key)
    .sort();
  return { rows, nessieTables };
}
