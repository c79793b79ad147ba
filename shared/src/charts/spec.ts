// vega-lite specs for each chart kind. Data is never inlined: the spec names the dataset
// `table` and the viewer inserts rows read from Arrow vectors (see arrow-rows.ts).
import type { TopLevelSpec } from 'vega-lite';
import type { ChartEncoding } from './types';

export const DATASET = 'table';

/** A column name as a vega-lite field: `.`, `[` and `]` would otherwise mean nested access. */
export function fieldRef(name: string): string {
  return name.replace(/[\\.[\]]/g, (c) => `\\${c}`);
}

const base = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  data: { name: DATASET },
  width: 'container',
  height: 300,
  autosize: { type: 'fit', contains: 'padding' },
} as const;

function yTitle(enc: ChartEncoding): string {
  return enc.y === undefined || enc.aggregate === 'count' ? 'count' : `${enc.aggregate}(${enc.y})`;
}

/**
 * The spec for rows Trino already aggregated (the columns of the matching `pushdown*Sql`).
 * A time axis can be brushed: the brush's range is the extent of the next pushed-down query.
 */
export function aggregatedSpec(enc: ChartEncoding): TopLevelSpec {
  switch (enc.kind) {
    case 'histogram':
      return {
        ...base,
        mark: { type: 'bar', tooltip: true },
        params: [{ name: 'brush', select: { type: 'interval', encodings: ['x'] } }],
        encoding: {
          x: { field: 'bin_start', type: 'quantitative', bin: { binned: true }, title: enc.x },
          x2: { field: 'bin_end' },
          y: { field: 'count', type: 'quantitative', title: 'count' },
        },
      };
    case 'heatmap':
      return {
        ...base,
        mark: { type: 'rect', tooltip: true },
        encoding: {
          x: { field: 'x_start', type: 'quantitative', bin: { binned: true }, title: enc.x },
          x2: { field: 'x_end' },
          y: { field: 'y_start', type: 'quantitative', bin: { binned: true }, title: enc.y },
          y2: { field: 'y_end' },
          color: { field: 'count', type: 'quantitative', title: 'count' },
        },
      };
    case 'line':
      return {
        ...base,
        mark: { type: 'line', point: false, tooltip: true },
        params: [{ name: 'brush', select: { type: 'interval', encodings: ['x'] } }],
        encoding: {
          x: { field: 'bucket', type: 'temporal', title: enc.x },
          y: { field: 'value', type: 'quantitative', title: yTitle(enc) },
          ...(enc.color ? { color: { field: 'series', type: 'nominal', title: enc.color } } : {}),
        },
      };
    case 'bar':
      return {
        ...base,
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'category', type: 'nominal', sort: null, title: enc.x },
          y: { field: 'value', type: 'quantitative', title: yTitle(enc) },
          opacity: { condition: { test: 'datum.is_other', value: 0.5 }, value: 1 },
        },
      };
    case 'scatter':
      return {
        ...base,
        mark: { type: 'point', tooltip: true },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: enc.x },
          y: { field: 'y', type: 'quantitative', title: enc.y },
        },
      };
  }
}

/**
 * The spec for raw rows (a complete result under the mark threshold): vega-lite aggregates.
 * `titleOf` gives axis titles when the rows' keys are not the column names (see ChartView,
 * which keys rows by position so no column name is ever parsed as a vega field path).
 */
export function rawSpec(
  enc: ChartEncoding,
  titleOf: (field: string) => string = (f) => f,
): TopLevelSpec {
  const t = (f: string | undefined) => titleOf(f ?? '');
  // A binned numeric axis: the histogram's x, the heat map's x and y.
  const binned = (f: string) => ({
    field: fieldRef(f),
    type: 'quantitative' as const,
    bin: { maxbins: 40 },
    title: t(f),
  });
  const aggregate = enc.y === undefined ? 'count' : enc.aggregate;
  const y =
    enc.y === undefined || aggregate === 'count'
      ? { aggregate: 'count' as const, type: 'quantitative' as const, title: 'count' }
      : {
          field: fieldRef(enc.y),
          aggregate,
          type: 'quantitative' as const,
          title: `${aggregate}(${t(enc.y)})`,
        };
  switch (enc.kind) {
    case 'histogram':
      return {
        ...base,
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: binned(enc.x),
          y: { aggregate: 'count', type: 'quantitative', title: 'count' },
        },
      };
    case 'heatmap':
      return {
        ...base,
        mark: { type: 'rect', tooltip: true },
        encoding: {
          x: binned(enc.x),
          y: binned(enc.y ?? ''),
          color: { aggregate: 'count', type: 'quantitative', title: 'count' },
        },
      };
    case 'line':
      return {
        ...base,
        mark: { type: 'line', tooltip: true },
        encoding: {
          x: { field: fieldRef(enc.x), type: 'temporal', title: t(enc.x) },
          y,
          ...(enc.color
            ? { color: { field: fieldRef(enc.color), type: 'nominal', title: t(enc.color) } }
            : {}),
        },
      };
    case 'bar':
      return {
        ...base,
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: fieldRef(enc.x), type: 'nominal', sort: '-y', title: t(enc.x) },
          y,
        },
      };
    case 'scatter':
      return {
        ...base,
        mark: { type: 'point', tooltip: true },
        encoding: {
          x: { field: fieldRef(enc.x), type: 'quantitative', title: t(enc.x) },
          y: { field: fieldRef(enc.y ?? ''), type: 'quantitative', title: t(enc.y) },
        },
      };
  }
}
