import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from 'vega-lite';
import { aggregatedSpec, fieldRef, rawSpec } from '../../../shared/src/charts/spec';
import { CHART_KINDS } from '../../../shared/src/charts/types';

test('column names with dots and brackets stay one field', () => {
  assert.equal(fieldRef('a.b[0]'), 'a\\.b\\[0\\]');
  assert.equal(fieldRef('plain'), 'plain');
});

test('every chart kind compiles to a vega spec reading the named dataset', () => {
  for (const kind of CHART_KINDS) {
    const enc = {
      kind,
      x: 'x.1',
      y: 'y',
      aggregate: 'sum' as const,
      color: kind === 'line' ? 'c' : undefined,
    };
    for (const spec of [aggregatedSpec(enc), rawSpec(enc)]) {
      const vg = compile(spec).spec;
      assert.ok(
        vg.data?.some((d) => d.name === 'table'),
        `${kind}: dataset`,
      );
    }
  }
  const raw = rawSpec({ kind: 'bar', x: 'a.b', y: 'v', aggregate: 'max' });
  assert.deepEqual((raw as { encoding: { x: unknown } }).encoding.x, {
    field: 'a\\.b',
    type: 'nominal',
    sort: '-y',
    title: 'a.b',
  });
});
