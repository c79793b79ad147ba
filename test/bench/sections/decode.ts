// `decode`: Trino -> Arrow throughput on the first 1,000,000 rows of tpch.sf1.lineitem (all
// columns), against the client-side floor (fetch every page and JSON.parse it, nothing else)
// and the npm `trino-client` iterating the same query. Each figure is a median of several runs.
// The floor asks for what Loch's client asks for (uncompressed answers from a Trino on this
// machine, see TrinoClientOptions.compression): it is the least any client could do.
// `floor_gzip_s` is the same floor with gzip answers, as trino-client (axios) gets them.
import { BasicAuth, Trino } from 'trino-client';
import type { Data, Table } from 'apache-arrow';
import { TrinoClient, isLoopbackUrl } from '../../../shared/src/trino/client';
import { benchEndpoints } from '../platform';
import { median, type BenchSection } from '../section';

const ROWS = 1_000_000;
const SQL = `SELECT * FROM tpch.sf1.lineitem LIMIT ${ROWS}`;
const RUNS = Number(process.env.LOCH_BENCH_DECODE_RUNS ?? 3);
const USER = 'loch-bench';

const seconds = (startNs: bigint) => Number(process.hrtime.bigint() - startNs) / 1e9;

/** The floor: POST, then GET every nextUri and JSON.parse the page. No decoding at all. */
async function floor(
  url: string,
  gzip = !isLoopbackUrl(url),
): Promise<{ s: number; rows: number }> {
  const t0 = process.hrtime.bigint();
  const headers = { 'X-Trino-User': USER, 'Accept-Encoding': gzip ? 'gzip' : 'identity' };
  let res = await fetch(`${url}/v1/statement`, { method: 'POST', headers, body: SQL });
  let page = JSON.parse(await res.text()) as {
    nextUri?: string;
    data?: unknown[][];
    error?: unknown;
  };
  let rows = 0;
  while (page.nextUri) {
    res = await fetch(page.nextUri, { headers });
    page = JSON.parse(await res.text()) as typeof page;
    if (page.error) throw new Error(`floor query failed: ${JSON.stringify(page.error)}`);
    rows += page.data?.length ?? 0;
  }
  return { s: seconds(t0), rows };
}

async function loch(url: string): Promise<{ s: number; table: Table }> {
  const t0 = process.hrtime.bigint();
  const table = await new TrinoClient({ url, user: USER }).query(SQL).table();
  return { s: seconds(t0), table };
}

async function trinoClient(url: string): Promise<{ s: number; rows: number }> {
  const t0 = process.hrtime.bigint();
  const trino = Trino.create({ server: url, auth: new BasicAuth(USER) });
  let rows = 0;
  for await (const result of await trino.query(SQL)) {
    if (result.error) throw new Error(`trino-client query failed: ${result.error.message}`);
    rows += result.data?.length ?? 0;
  }
  return { s: seconds(t0), rows };
}

/** Bytes of every Arrow buffer the table holds (values, offsets, validity, children). */
function arrowBytes(table: Table): number {
  const walk = (d: Data): number =>
    (d.values?.byteLength ?? 0) +
    (d.valueOffsets?.byteLength ?? 0) +
    (d.nullBitmap?.byteLength ?? 0) +
    d.children.reduce((n, c) => n + walk(c), 0);
  return table.batches.reduce((n, b) => n + walk(b.data), 0);
}

const section: BenchSection = {
  name: 'decode',
  async run() {
    const { trino: url } = await benchEndpoints();
    const floorS: number[] = [];
    const floorGzipS: number[] = [];
    const lochS: number[] = [];
    const peerS: number[] = [];
    let bytesPerRow = 0;
    let rows = 0;
    let peakRss = 0;
    const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
    // Warm Trino's tpch generator and the JIT once, then interleave the three clients so that
    // load from elsewhere on the machine spreads over all of them alike.
    await floor(url);
    for (let i = 0; i < RUNS; i++) {
      const f = await floor(url);
      if (f.rows !== ROWS) throw new Error(`floor read ${f.rows} rows, expected ${ROWS}`);
      floorS.push(f.s);
      const fz = await floor(url, true);
      if (fz.rows !== ROWS) throw new Error(`gzip floor read ${fz.rows} rows, expected ${ROWS}`);
      floorGzipS.push(fz.s);

      const timer = setInterval(sample, 20);
      const l = await loch(url);
      sample();
      clearInterval(timer);
      if (l.table.numRows !== ROWS) throw new Error(`loch read ${l.table.numRows} rows`);
      lochS.push(l.s);
      rows = l.table.numRows;
      bytesPerRow = arrowBytes(l.table) / rows;

      const p = await trinoClient(url);
      if (p.rows !== ROWS) throw new Error(`trino-client read ${p.rows} rows, expected ${ROWS}`);
      peerS.push(p.s);
      process.stderr.write(
        `decode run ${i + 1}/${RUNS}: floor ${f.s.toFixed(2)} s (gzip ${fz.s.toFixed(2)} s), loch ${l.s.toFixed(2)} s, trino-client ${p.s.toFixed(2)} s\n`,
      );
    }
    const floor_s = median(floorS);
    const loch_s = median(lochS);
    const trino_client_s = median(peerS);
    const round = (n: number, d = 3) => Number(n.toFixed(d));
    return {
      rows,
      runs: RUNS,
      floor_s: round(floor_s),
      floor_gzip_s: round(median(floorGzipS)),
      loch_s: round(loch_s),
      trino_client_s: round(trino_client_s),
      loch_vs_floor: round(loch_s / floor_s),
      trino_client_vs_loch: round(trino_client_s / loch_s),
      arrow_bytes_per_row: round(bytesPerRow, 1),
      peak_rss_mb: round(peakRss / 2 ** 20, 1),
    };
  },
};

export default section;
