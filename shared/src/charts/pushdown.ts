// Aggregation pushdown: instead of fetching every row a chart would draw, wrap the user's SQL
// in an aggregating query so Trino returns one small result (one row per mark). Each function
// returns plain SQL that the viewer shows to the user and the host runs.
import { asSubquery, doubleLiteral, quoteIdent, quoteString } from './sql-text';
import type { Aggregate, ChartEncoding, Extent } from './types';
import { DEFAULT_MARK_THRESHOLD } from './types';

export interface HistogramOptions {
  /** The most bins to draw; the step is rounded to a "nice" 1, 2 or 5 × 10^k (as vega does). */
  maxBins?: number;
  /** A zoomed or brushed range: rows outside are left out and no extent scan is needed. */
  extent?: Extent;
  /**
   * The data's range from table statistics (`SHOW STATS`, see showStatsSql): bins are laid
   * out over it without an extent scan, and no row is left out, so a wrong hint only costs
   * extra bins, never counts.
   */
  bounds?: Extent;
}

/** Result columns: bin_start, bin_end (double), count (bigint); ordered by bin_start. */
export function pushdownHistogramSql(sql: string, field: string, o: HistogramOptions = {}): string {
  const f = `CAST(${quoteIdent(field)} AS double)`;
  const maxBins = o.maxBins ?? 40;
  return [
    'WITH src AS (',
    asSubquery(sql),
    `), ${binCtes('x', f, maxBins, o.extent ?? o.bounds)}`,
    'SELECT x_start AS bin_start, x_start + x_step AS bin_end, count(*) AS count',
    `FROM (SELECT ${binExpr('x', f)} FROM src CROSS JOIN loch_x_bins`,
    `  WHERE ${f} IS NOT NULL${extentFilter(f, o.extent)})`,
    'GROUP BY x_start, x_step',
    'ORDER BY bin_start',
  ].join('\n');
}

export interface HeatmapOptions {
  maxBins?: number;
  extentX?: Extent;
  extentY?: Extent;
  /** Range hints from table statistics, as in HistogramOptions.bounds. */
  boundsX?: Extent;
  boundsY?: Extent;
}

/** Two measures binned on both axes. Columns: x_start, x_end, y_start, y_end, count. */
export function pushdownHeatmapSql(sql: string, x: string, y: string, o: HeatmapOptions = {}) {
  const fx = `CAST(${quoteIdent(x)} AS double)`;
  const fy = `CAST(${quoteIdent(y)} AS double)`;
  const maxBins = o.maxBins ?? 40;
  return [
    'WITH src AS (',
    asSubquery(sql),
    `), ${binCtes('x', fx, maxBins, o.extentX ?? o.boundsX)},`,
    `${binCtes('y', fy, maxBins, o.extentY ?? o.boundsY)}`,
    'SELECT x_start, x_start + x_step AS x_end, y_start, y_start + y_step AS y_end, count(*) AS count',
    `FROM (SELECT ${binExpr('x', fx)}, ${binExpr('y', fy)}`,
    '  FROM src CROSS JOIN loch_x_bins CROSS JOIN loch_y_bins',
    `  WHERE ${fx} IS NOT NULL AND ${fy} IS NOT NULL${extentFilter(fx, o.extentX)}${extentFilter(fy, o.extentY)})`,
    'GROUP BY x_start, x_step, y_start, y_step',
    'ORDER BY x_start, y_start',
  ].join('\n');
}

// The nice bin step over [lo, hi]: raw = span / maxBins rounded up to 1, 2, 5 or 10 × 10^k,
// bins aligned on multiples of the step. Computed in SQL so the extent scan and the binning
// happen in one statement.
function binCtes(p: string, f: string, maxBins: number, extent?: Extent): string {
  const range = extent
    ? `SELECT ${doubleLiteral(extent.lo)} AS lo, ${doubleLiteral(extent.hi)} AS hi`
    : `SELECT min(${f}) AS lo, max(${f}) AS hi FROM src`;
  const raw = `(hi - lo) / ${maxBins}`;
  const mag = `power(10, floor(log10(${raw})))`;
  return [
    `loch_${p}_range AS (${range}),`,
    `loch_${p}_bins AS (`,
    `  SELECT floor(lo / step) * step AS loch_${p}_lo, step AS loch_${p}_step FROM (`,
    `    SELECT lo, CASE WHEN hi > lo THEN (CASE WHEN ${raw} <= ${mag} THEN 1`,
    `      WHEN ${raw} <= 2 * ${mag} THEN 2 WHEN ${raw} <= 5 * ${mag} THEN 5 ELSE 10 END) * ${mag}`,
    `      ELSE 1e0 END AS step FROM loch_${p}_range))`,
  ].join('\n');
}

function binExpr(p: string, f: string): string {
  return `loch_${p}_lo + floor((${f} - loch_${p}_lo) / loch_${p}_step) * loch_${p}_step AS ${p}_start, loch_${p}_step AS ${p}_step`;
}

function extentFilter(f: string, extent?: Extent): string {
  return extent
    ? ` AND ${f} BETWEEN ${doubleLiteral(extent.lo)} AND ${doubleLiteral(extent.hi)}`
    : '';
}

function aggregateExpr(aggregate: Aggregate, measure: string | undefined): string {
  if (aggregate === 'count' || measure === undefined) return 'count(*)';
  return `${aggregate}(CAST(${quoteIdent(measure)} AS double))`;
}

// Units a time axis can be bucketed by, with their length in seconds (month and year average).
const TIME_UNITS: [string, number][] = [
  ['second', 1],
  ['minute', 60],
  ['hour', 3600],
  ['day', 86400],
  ['week', 604800],
  ['month', 2629746],
  ['quarter', 7889238],
  ['year', 31556952],
];

export interface TimeBucketOptions {
  measure?: string;
  aggregate?: Aggregate;
  /** A series field: its `maxSeries` most frequent values each get a line, the rest "(other)". */
  color?: string;
  maxBuckets?: number;
  maxSeries?: number;
  /** Zoomed or brushed time range, epoch milliseconds. */
  extent?: Extent;
  /** The time range from table statistics (epoch ms): picks the unit without a scan. */
  bounds?: Extent;
}

/**
 * A time axis bucketed by the finest unit (second … year) that keeps at most `maxBuckets`
 * buckets over the data's (or the brushed) range. Columns: bucket (timestamp(3) with time zone),
 * value (double or bigint), series (varchar, only with `color`); ordered by bucket.
 */
export function pushdownTimeBucketSql(sql: string, time: string, o: TimeBucketOptions = {}) {
  const t = `CAST(${quoteIdent(time)} AS timestamp(3) with time zone)`;
  const maxBuckets = o.maxBuckets ?? 1000;
  const known = o.extent ?? o.bounds;
  const range = known
    ? `SELECT from_unixtime(${known.lo / 1000}) AS lo, from_unixtime(${known.hi / 1000}) AS hi`
    : `SELECT min(${t}) AS lo, max(${t}) AS hi FROM src`;
  const units = TIME_UNITS.map(([u, s]) => `(${quoteString(u)}, ${s})`).join(', ');
  const filter = o.extent
    ? ` AND ${t} BETWEEN from_unixtime(${o.extent.lo / 1000}) AND from_unixtime(${o.extent.hi / 1000})`
    : '';
  const value = aggregateExpr(o.aggregate ?? 'count', o.measure);
  const lines = [
    'WITH src AS (',
    asSubquery(sql),
    `), loch_t_range AS (${range}),`,
    `loch_t_unit AS (SELECT coalesce(min_by(unit, secs) FILTER (WHERE date_diff('second', lo, hi) / secs < ${maxBuckets}), 'year') AS loch_unit`,
    `  FROM (VALUES ${units}) AS u(unit, secs) CROSS JOIN loch_t_range)`,
  ];
  if (o.color === undefined) {
    lines.push(
      `SELECT date_trunc(loch_unit, ${t}) AS bucket, ${value} AS value`,
      `FROM src CROSS JOIN loch_t_unit WHERE ${t} IS NOT NULL${filter}`,
      'GROUP BY 1 ORDER BY 1',
    );
  } else {
    lines.push(
      `, ${seriesCte(o.color, o.maxSeries ?? 10)}`,
      `SELECT date_trunc(loch_unit, ${t}) AS bucket, ${seriesExpr(o.color)} AS series, ${value} AS value`,
      `FROM src CROSS JOIN loch_t_unit LEFT JOIN loch_series ON ${seriesKey(o.color)} = loch_series.loch_s`,
      `WHERE ${t} IS NOT NULL${filter}`,
      'GROUP BY 1, 2 ORDER BY 1, 2',
    );
  }
  return lines.join('\n');
}

// NULL is a value of its own in a series, distinct from the string 'NULL'.
function seriesKey(color: string): string {
  return `coalesce(CAST(${quoteIdent(color)} AS varchar), '\u2400NULL')`;
}

function seriesCte(color: string, maxSeries: number): string {
  return [
    `loch_series AS (SELECT loch_s FROM (SELECT ${seriesKey(color)} AS loch_s, count(*) AS loch_n FROM src GROUP BY 1)`,
    `  ORDER BY loch_n DESC, loch_s LIMIT ${maxSeries})`,
  ].join('\n');
}

function seriesExpr(color: string): string {
  return `CASE WHEN loch_series.loch_s IS NULL THEN '(other)' ELSE CAST(${quoteIdent(color)} AS varchar) END`;
}

export interface GroupByOptions {
  measure?: string;
  aggregate?: Aggregate;
  /** Bars drawn; the remaining categories are merged into one "(other)" bar. */
  topN?: number;
}

/**
 * One bar per category, the `topN` largest by value plus an "(other)" bar merging the rest
 * with the same aggregate (an average of the rest, not an average of averages). Columns:
 * category (varchar, NULL for the NULL category), value (double), is_other (boolean); largest first.
 */
export function pushdownGroupBySql(sql: string, category: string, o: GroupByOptions = {}): string {
  const topN = o.topN ?? 20;
  const aggregate = o.measure === undefined ? 'count' : (o.aggregate ?? 'sum');
  const m = o.measure === undefined ? '1e0' : `CAST(${quoteIdent(o.measure)} AS double)`;
  const value: Record<Aggregate, [string, string]> = {
    count: ['CAST(count(*) AS double)', 'sum(value)'],
    sum: [`sum(${m})`, 'sum(value)'],
    min: [`min(${m})`, 'min(value)'],
    max: [`max(${m})`, 'max(value)'],
    avg: [`avg(${m})`, 'sum(s) / sum(n)'],
  };
  const [one, rest] = value[aggregate];
  return [
    'WITH src AS (',
    asSubquery(sql),
    `), agg AS (SELECT CAST(${quoteIdent(category)} AS varchar) AS category, ${one} AS value,`,
    `  sum(${m}) AS s, CAST(count(${m}) AS double) AS n FROM src GROUP BY 1),`,
    'ranked AS (SELECT *, row_number() OVER (ORDER BY value DESC NULLS LAST, category) AS rk FROM agg)',
    'SELECT category, value, false AS is_other FROM ranked WHERE rk <= ' + topN,
    'UNION ALL',
    `SELECT '(other)', ${rest}, true FROM ranked WHERE rk > ${topN} HAVING count(*) > 0`,
    'ORDER BY is_other, value DESC NULLS LAST',
  ].join('\n');
}

/** Columns: x, y (double); at most `limit` points chosen at random. */
export function pushdownSampleSql(sql: string, x: string, y: string, limit: number): string {
  const fx = `CAST(${quoteIdent(x)} AS double)`;
  const fy = `CAST(${quoteIdent(y)} AS double)`;
  return [
    'WITH src AS (',
    asSubquery(sql),
    `)`,
    `SELECT ${fx} AS x, ${fy} AS y FROM src WHERE ${fx} IS NOT NULL AND ${fy} IS NOT NULL`,
    `ORDER BY rand() LIMIT ${limit}`,
  ].join('\n');
}

export interface PushdownOptions {
  threshold?: number;
  extent?: Extent;
  /** Column ranges from table statistics (parseStats), used as bin layout hints. */
  bounds?: ReadonlyMap<string, Extent>;
}

/**
 * Trino's statistics for the user's statement: from connector metadata (Iceberg manifests,
 * TPC-H's precomputed figures), no scan. Their low/high values let a histogram or time axis be
 * laid out without first scanning for min and max. Trino refuses it for complex statements:
 * callers then fall back to the extent scan.
 */
export function showStatsSql(sql: string): string {
  return ['SHOW STATS FOR (', asSubquery(sql), ')'].join('\n');
}

/** The low/high values of a SHOW STATS result as numbers (time as epoch ms), by column. */
export function parseStats(rows: readonly Record<string, unknown>[]): Map<string, Extent> {
  const out = new Map<string, Extent>();
  const num = (v: unknown): number => {
    if (typeof v !== 'string') return Number.NaN;
    const n = Number(v);
    if (!Number.isNaN(n)) return n;
    // Timestamps print as `2026-01-01 00:00:00.000 UTC`; only UTC or numeric offsets are read.
    const m = /^(\d{4}-\d\d-\d\d)(?: (\d\d:\d\d:\d\d(?:\.\d+)?))?(?: (UTC|[+-]\d\d:\d\d))?$/.exec(
      v,
    );
    if (!m) return Number.NaN;
    const zone = m[3] === undefined || m[3] === 'UTC' ? 'Z' : m[3];
    return Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${zone}`);
  };
  for (const r of rows) {
    const name = r.column_name;
    const lo = num(r.low_value);
    const hi = num(r.high_value);
    if (typeof name === 'string' && Number.isFinite(lo) && Number.isFinite(hi))
      out.set(name, { lo, hi });
  }
  return out;
}

/** The pushed-down query for an encoding; the chart spec for its columns is `aggregatedSpec`. */
export function pushdownSql(sql: string, enc: ChartEncoding, o: PushdownOptions = {}): string {
  const threshold = o.threshold ?? DEFAULT_MARK_THRESHOLD;
  switch (enc.kind) {
    case 'histogram':
      return pushdownHistogramSql(sql, enc.x, { extent: o.extent, bounds: o.bounds?.get(enc.x) });
    case 'heatmap':
      return pushdownHeatmapSql(sql, enc.x, enc.y ?? enc.x, {
        extentX: o.extent,
        boundsX: o.bounds?.get(enc.x),
        boundsY: o.bounds?.get(enc.y ?? enc.x),
      });
    case 'line':
      return pushdownTimeBucketSql(sql, enc.x, {
        measure: enc.y,
        aggregate: enc.aggregate,
        color: enc.color,
        extent: o.extent,
        bounds: o.bounds?.get(enc.x),
        maxBuckets: Math.min(1000, threshold),
      });
    case 'bar':
      return pushdownGroupBySql(sql, enc.x, { measure: enc.y, aggregate: enc.aggregate });
    case 'scatter':
      return pushdownSampleSql(sql, enc.x, enc.y ?? enc.x, threshold);
  }
}
