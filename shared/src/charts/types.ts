// The vocabulary shared by chart inference, vega-lite specs and aggregation pushdown.

/** How a column can be drawn: on a time axis, as a measure, or as categories. */
export type FieldKind = 'temporal' | 'quantitative' | 'nominal';

export interface ChartField {
  name: string;
  kind: FieldKind;
}

/** The chart kinds Loch draws; each has one pushed-down query shape (see pushdown.ts). */
export type ChartKind = 'line' | 'bar' | 'scatter' | 'heatmap' | 'histogram';

export const CHART_KINDS: readonly ChartKind[] = ['line', 'bar', 'scatter', 'heatmap', 'histogram'];

export type Aggregate = 'count' | 'sum' | 'avg' | 'min' | 'max';

export const AGGREGATES: readonly Aggregate[] = ['count', 'sum', 'avg', 'min', 'max'];

/** What the user can edit: the mark and its encodings. `y` is absent for counts and histograms. */
export interface ChartEncoding {
  kind: ChartKind;
  x: string;
  y?: string;
  color?: string;
  aggregate: Aggregate;
}

/** A closed numeric or time interval, from a zoom or a brush; times as epoch milliseconds. */
export interface Extent {
  lo: number;
  hi: number;
}

/** Default number of marks above which a chart is aggregated by Trino instead of drawn from rows. */
export const DEFAULT_MARK_THRESHOLD = 10_000;
