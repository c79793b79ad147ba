// Write-audit-publish with @loch/core, on the local platform (`npm start` or `loch up --seed`).
//   node --import tsx samples/write-audit-publish/wap.ts [--into main] [--tag NAME] [--keep]
// 1. branch from the target, 2. write on the branch through its own Trino catalog,
// 3. audit, 4. preview the merge (dry run), 5. publish and tag, 6. delete the work branch.
import { parseArgs } from 'node:util';
import { RefCatalogs } from '../../shared/src/lakehouse/ref-catalogs';
import type { SqlRunner } from '../../shared/src/lakehouse/sql-runner';
import { WriteAuditPublish } from '../../shared/src/lakehouse/write-audit-publish';
import { NessieClient } from '../../shared/src/nessie/client';
import { lakeCatalogOf, nessieApiUrl } from '../../shared/src/platform/local';
import { stateDir } from '../../shared/src/platform/paths';
import { readRecord } from '../../shared/src/platform/state';
import { TrinoClient } from '../../shared/src/trino/client';

const say = (line: string) => process.stdout.write(`${line}\n`);
const { values } = parseArgs({
  options: {
    into: { type: 'string', default: 'main' },
    tag: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const record = readRecord(stateDir());
if (!record) throw new Error('the local platform is not running: run `loch up --seed` first');

const trino = new TrinoClient({ url: record.services.trino.url, user: 'wap-sample' });
const run: SqlRunner = async (sql, o = {}) => {
  const q = trino.query(sql, { catalog: o.catalog, schema: o.schema, signal: o.signal });
  const rows = await q.rows();
  return { columns: await q.columns, rows };
};
const nessie = new NessieClient({ url: nessieApiUrl(record.services.nessie.url) });
const catalogs = new RefCatalogs({
  run,
  nessie,
  baseProperties: lakeCatalogOf(record),
});

const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const branch = `etl/daily-revenue.${stamp}`;
const wap = new WriteAuditPublish({ nessie, catalogs, run }, branch, values.into);

const { catalog } = await wap.begin();
say(`1. branch ${branch} from ${values.into}, queried as catalog ${catalog}`);

await wap.write([
  'CREATE SCHEMA IF NOT EXISTS marts',
  'DROP TABLE IF EXISTS marts.daily_revenue',
  `CREATE TABLE marts.daily_revenue AS
     SELECT orderdate AS day, count(*) AS orders, sum(totalprice) AS revenue
     FROM demo.orders GROUP BY orderdate`,
]);
say('2. wrote marts.daily_revenue on the branch (main does not see it yet)');

const audits = await wap.audit([
  { name: 'no negative revenue', sql: 'SELECT * FROM marts.daily_revenue WHERE revenue < 0' },
  {
    name: 'one row per day',
    sql: 'SELECT day FROM marts.daily_revenue GROUP BY day HAVING count(*) > 1',
  },
  {
    name: 'every order counted',
    sql: 'SELECT (SELECT sum(orders) FROM marts.daily_revenue) = (SELECT count(*) FROM demo.orders)',
    check: (r) => r.rows[0]?.[0] === true || 'order counts differ',
  },
]);
for (const a of audits)
  say(`3. audit ${a.passed ? 'passed' : 'FAILED'}: ${a.name}${a.detail ? ` (${a.detail})` : ''}`);

const preview = await wap.preview();
say(
  `4. dry run: merging into ${values.into} would change ${preview.changes.map((c) => c.key).join(', ')}; nothing merged yet`,
);

if (audits.every((a) => a.passed)) {
  const published = await wap.publish({ tag: values.tag, message: `daily revenue ${stamp}` });
  say(
    `5. published: ${values.into} is at ${published.hash.slice(0, 12)}${published.tag ? `, tagged ${published.tag.name}` : ''}`,
  );
} else {
  say('5. not published: an audit failed');
}
if (!values.keep) {
  await wap.discard();
  say(`6. deleted ${branch} and its catalog`);
}
