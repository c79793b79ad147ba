// Automatic chart from a result's schema: the first chart a user sees, before editing encodings.
import { DataType, type Field } from 'apache-arrow';
import type { ChartEncoding, ChartField, FieldKind } from './types';
import { DEFAULT_MARK_THRESHOLD } from './types';

/** A column drawn as time, measure or category, by its Arrow type. */
export function fieldKindOfArrowType(type: DataType): FieldKind {
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type)) {
    return 'quantitative';
  }
  if (DataType.isDate(type) || DataType.isTimestamp(type)) return 'temporal';
  return 'nominal';
}

export function chartFieldsOfSchema(fields: readonly Field[]): ChartField[] {
  return fields.map((f) => ({ name: f.name, kind: fieldKindOfArrowType(f.type) }));
}

export interface InferOptions {
  /** Rows in the full result when known; decides scatter (few points) against heat map. */
  rowCount?: number;
  threshold?: number;
}

/**
 * time × measure → line; category × measure → bar; two measures → scatter (or heat map when
 * there are more points than marks allowed); one measure → histogram. Without any measure, a
 * count over time or per category. Undefined when there is nothing to chart.
 */
export function inferChart(
  fields: readonly ChartField[],
  options: InferOptions = {},
): ChartEncoding | undefined {
  const of = (k: FieldKind) => fields.filter((f) => f.kind === k).map((f) => f.name);
  const [time] = of('temporal');
  const measures = of('quantitative');
  const [category] = of('nominal');
  const threshold = options.threshold ?? DEFAULT_MARK_THRESHOLD;
  const [m1, m2] = measures;
  if (time !== undefined && m1 !== undefined) {
    return { kind: 'line', x: time, y: m1, aggregate: 'avg', color: category };
  }
  if (category !== undefined && m1 !== undefined) {
    return { kind: 'bar', x: category, y: m1, aggregate: 'sum' };
  }
  if (m1 !== undefined && m2 !== undefined) {
    const many = options.rowCount === undefined || options.rowCount > threshold;
    return many
      ? { kind: 'heatmap', x: m1, y: m2, aggregate: 'count' }
      : { kind: 'scatter', x: m1, y: m2, aggregate: 'count' };
  }
  if (m1 !== undefined) return { kind: 'histogram', x: m1, aggregate: 'count' };
  if (time !== undefined) return { kind: 'line', x: time, aggregate: 'count' };
  if (category !== undefined) return { kind: 'bar', x: category, aggregate: 'count' };
  return undefined;
}
