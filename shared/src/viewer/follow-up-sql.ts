// The SQL of a viewer follow-up, built from the statement of the result it is about and the
// structured request the view sent. The backend runs it; the chart view shows the same text
// ("Generated SQL"), so what the user reads is what Trino ran.
import { pushdownSql, showStatsSql } from '../charts/pushdown';
import { AGGREGATES, CHART_KINDS, type Extent } from '../charts/types';
import type { ChartRequest, ResultView } from '../results/messages';
import { sortFilterSql } from '../results/sort-filter-sql';

/** The result's statement with the view's sort and filter pushed in (unchanged without them). */
export function viewSql(sql: string, view: ResultView): string {
  const filter = view.filter && view.filter.text !== '' ? view.filter : undefined;
  return view.sort || filter ? sortFilterSql(sql, view.sort, filter) : sql;
}

/** The chart query for `request` over the (sorted/filtered) result of `sql`. */
export function chartSql(sql: string, view: ResultView, request: ChartRequest): string {
  const base = viewSql(sql, view);
  if (request.kind === 'stats') return showStatsSql(base);
  return pushdownSql(base, request.encoding, {
    threshold: request.threshold,
    extent: request.extent,
    bounds: request.bounds && new Map(request.bounds),
  });
}

/** A request the backend refuses: its message is one line, shown in the viewer. */
export class FollowUpError extends Error {
  override readonly name = 'FollowUpError';
}

/**
 * Checks a view and chart request from the view against the result's columns: every column
 * named must be one of them, every number finite. Throws FollowUpError saying what is wrong.
 */
export function checkFollowUp(
  columns: readonly string[],
  view: ResultView,
  request?: ChartRequest,
): void {
  const known = new Set(columns);
  const column = (name: unknown, what: string) => {
    if (typeof name !== 'string' || !known.has(name))
      throw new FollowUpError(`${what}: no column ${JSON.stringify(name)} in this result`);
  };
  if (view.sort) {
    column(view.sort.column, 'sort');
    if (view.sort.direction !== 'asc' && view.sort.direction !== 'desc')
      throw new FollowUpError(`sort: direction must be asc or desc`);
  }
  if (view.filter) {
    column(view.filter.column, 'filter');
    if (typeof view.filter.text !== 'string') throw new FollowUpError('filter: text must be text');
  }
  if (!request || request.kind === 'stats') return;
  if (request.kind !== 'aggregate') throw new FollowUpError('chart: unknown request');
  const enc = request.encoding;
  if (!CHART_KINDS.includes(enc.kind)) throw new FollowUpError(`chart: unknown mark ${enc.kind}`);
  if (!AGGREGATES.includes(enc.aggregate))
    throw new FollowUpError(`chart: unknown aggregate ${enc.aggregate}`);
  column(enc.x, 'chart x');
  if (enc.y !== undefined) column(enc.y, 'chart y');
  if (enc.color !== undefined) column(enc.color, 'chart color');
  if (!Number.isInteger(request.threshold) || request.threshold < 1)
    throw new FollowUpError('chart: threshold must be a positive whole number');
  const range = (e: Extent | undefined, what: string) => {
    if (e && !(Number.isFinite(e.lo) && Number.isFinite(e.hi)))
      throw new FollowUpError(`chart: ${what} must be finite numbers`);
  };
  range(request.extent, 'extent');
  for (const [name, bounds] of request.bounds ?? []) {
    column(name, 'chart bounds');
    range(bounds, 'bounds');
  }
}
