// `results`: the results viewer and chart pushdown, measured in Debian Chromium against the
// real Trino of the local platform.
//   chart_pushdown_s      pushed-down histogram SQL submitted -> histogram painted, over all
//                         6,001,215 rows of tpch.sf1.lineitem (Trino aggregates; ~40 rows return)
//   chart_fetch_all_s     the same histogram by fetching every row into the viewer and binning
//                         there (null when it exceeds the timeout, see chart_fetch_all_timeout_s)
//   grid_scroll_p95_ms    p95 of the grid's per-frame redraw while scrolling a 10M-row result
//   first_rows_ms         first result page arriving in the view -> its rows painted (median)
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser';
import { startViewerServer } from '../../e2e/results/support/server';
import { benchEndpoints } from '../platform';
import { median, type BenchSection } from '../section';

const LINEITEM = 'SELECT extendedprice FROM tpch.sf1.lineitem';
const FETCH_ALL_TIMEOUT_S = 180;

async function chartPushdown(page: Page): Promise<{ seconds: number; marks: number }> {
  return page.evaluate(async (sql) => {
    const h = window.lochHarness;
    // A partial result of the user's statement (its first row; the query is then cancelled):
    // the chart is pushed down over all of its rows.
    await h.streamSql(`bench-${Math.random()}`, sql, 1);
    const t0 = performance.now();
    const painted = h.nextChart(600_000);
    h.viewer.show('chart');
    const info = await painted;
    const seconds = (performance.now() - t0) / 1000;
    h.viewer.show('grid');
    return { seconds, marks: info.marks };
  }, LINEITEM);
}

async function chartFetchAll(page: Page): Promise<number | null> {
  return page.evaluate(
    async ({ sql, timeoutMs }) => {
      const h = window.lochHarness;
      const t0 = performance.now();
      const all = (async () => {
        await h.streamSql('fetch-all', sql, Number.MAX_SAFE_INTEGER);
        h.viewer.chart.threshold = Number.MAX_SAFE_INTEGER; // draw from the loaded rows
        const painted = h.nextChart(timeoutMs);
        h.viewer.show('chart');
        await painted;
        return (performance.now() - t0) / 1000;
      })();
      const timeout = new Promise<null>((res) => setTimeout(() => res(null), timeoutMs));
      return Promise.race([all, timeout]);
    },
    { sql: LINEITEM, timeoutMs: FETCH_ALL_TIMEOUT_S * 1000 },
  );
}

async function gridScroll(page: Page): Promise<{ p95: number; frameP95: number }> {
  await page.evaluate(() => window.lochHarness.streamSynthetic(10_000_000, 1_000_000));
  return page.evaluate(async () => {
    const h = window.lochHarness;
    h.viewer.show('grid');
    const scroller = document.querySelector<HTMLElement>('.loch-grid-scroll')!;
    const renders: number[] = [];
    const frames: number[] = [];
    let last = performance.now();
    const max = scroller.scrollHeight - scroller.clientHeight;
    // 300 frames: a steady wheel scroll, then jumps across the whole result.
    for (let i = 0; i < 300; i++) {
      await new Promise<void>((res) =>
        requestAnimationFrame(() => {
          scroller.scrollTop = i < 150 ? i * 120 : (((i * 7919) % 300) / 300) * max;
          h.viewer.grid.render();
          renders.push(h.viewer.grid.lastRenderMs);
          const now = performance.now();
          frames.push(now - last);
          last = now;
          res();
        }),
      );
    }
    // (No named helper here: tsx would wrap it in a `__name` call the page does not have.)
    renders.sort((a, b) => a - b);
    const intervals = frames.slice(1).sort((a, b) => a - b);
    return {
      p95: renders[Math.floor(renders.length * 0.95)]!,
      frameP95: intervals[Math.floor(intervals.length * 0.95)]!,
    };
  });
}

async function firstRows(page: Page): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(
      await page.evaluate(async () => {
        const h = window.lochHarness;
        await h.streamSql(`first-${Math.random()}`, 'SELECT * FROM tpch.sf1.lineitem', 1000);
        await h.frames();
        const m = h.viewer.metrics;
        return m.firstRowsPaintedAt! - m.firstBatchAt!;
      }),
    );
  }
  return median(samples);
}

const section: BenchSection = {
  name: 'results',
  async run() {
    const { trino } = await benchEndpoints();
    const server = await startViewerServer({ trinoUrl: trino });
    const context = await launchBrowser();
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await page.evaluate(() => window.lochHarness.ready);
      const first = await firstRows(page);
      const pushdown: number[] = [];
      let marks = 0;
      for (let i = 0; i < 3; i++) {
        const r = await chartPushdown(page);
        pushdown.push(r.seconds);
        marks = r.marks;
      }
      const scroll = await gridScroll(page);
      await page.close();
      // A fresh page: the 10M-row grid is dropped before fetching 6M rows.
      const page2 = await context.newPage();
      await page2.goto(server.url);
      await page2.evaluate(() => window.lochHarness.ready);
      const fetchAll = await chartFetchAll(page2);
      return {
        chart_pushdown_s: Number(median(pushdown).toFixed(2)),
        chart_pushdown_runs_s: pushdown.map((s) => Number(s.toFixed(2))),
        chart_pushdown_marks: marks,
        chart_fetch_all_s: fetchAll === null ? null : Number(fetchAll.toFixed(2)),
        chart_fetch_all_timeout_s: FETCH_ALL_TIMEOUT_S,
        grid_scroll_p95_ms: Number(scroll.p95.toFixed(2)),
        grid_scroll_frame_interval_p95_ms: Number(scroll.frameP95.toFixed(2)),
        first_rows_ms: Number(first.toFixed(1)),
        viewer_bundle_bytes: server.viewerBytes,
      };
    } finally {
      await context.close();
      await server.close();
    }
  },
};

export default section;
