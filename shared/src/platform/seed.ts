import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { splitStatements } from '../sql/statements';
import { runStatement, type TrinoConnection } from '../trino/client';
import { TrinoQueryError } from '../trino/errors';
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
  trino: TrinoConnection,
  resources: string,
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  for (const file of seedScripts(resources)) {
    const name = file.slice(file.lastIndexOf('/') + 1);
    log(`seeding ${name}`);
    for (const stmt of splitStatements(readFileSync(file, 'utf8'))) {
      try {
        await runStatement(trino, stmt.sql, signal);
      } catch (e) {
        const why = e instanceof TrinoQueryError ? e.oneLine() : (e as Error).message;
        throw new PlatformError(
          `seeding failed in ${name}: ${why}`,
          'fix the statement and run `loch up --seed` again',
          'seed-failed',
        );
      }
    }
  }
}
