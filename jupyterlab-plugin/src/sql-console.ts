// The SQL console (from the launcher): an editor for ad-hoc Trino SQL on the current ref, a
// Run / Cancel pair and below it one result per statement, in order. Ctrl/Shift+Enter runs.
import { MainAreaWidget } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';
import { InPageViewer } from './results/viewer-host';
import { errorLine } from '@loch/core';
import { button, h } from './sidebar/dom';
import { runScript, updateLine, type StatementResult } from './script-run';
import type { ILochSession } from './tokens';

let counter = 0;

/** One statement's result in the console: a caption and the viewer, or a line. */
function statementView(
  result: StatementResult,
  lochSession: ILochSession,
): { node: HTMLElement; viewer?: InPageViewer } {
  const { outcome, table } = result;
  const node = h('div', { className: 'loch-console-statement' });
  node.dataset.status = outcome.status;
  if (outcome.queryId) node.dataset.queryId = outcome.queryId;
  const caption = h('div', { className: 'loch-result-info' });
  caption.classList.toggle('loch-error', outcome.status === 'failed');
  node.append(caption);
  if (outcome.status === 'failed' || outcome.status === 'cancelled' || !table) {
    caption.textContent =
      outcome.status === 'failed'
        ? (outcome.error ?? 'the query failed')
        : outcome.status === 'cancelled'
          ? 'Cancelled'
          : updateLine(outcome);
    return { node };
  }
  caption.textContent = `ref ${outcome.ref} · query ${outcome.queryId} · ${table.numRows} rows${
    outcome.status === 'capped' ? ' (capped)' : ''
  }`;
  const box = h('div', { className: 'loch-viewer-box' });
  node.append(box);
  const viewer = new InPageViewer(
    box,
    {
      table,
      sql: outcome.sql,
      queryId: outcome.queryId,
      catalog: outcome.catalog,
      complete: outcome.status === 'finished',
      totalRows: outcome.totalRows ?? table.numRows,
    },
    () => lochSession.session(),
    () => lochSession.settings.maxRows,
  );
  return { node, viewer };
}

export function sqlConsole(lochSession: ILochSession): MainAreaWidget {
  const content = new Widget();
  content.addClass('loch-console');
  const editor = h('textarea', {
    className: 'loch-console-editor',
    attrs: { 'aria-label': 'Trino SQL', spellcheck: 'false', rows: '6' },
  });
  editor.value = 'SELECT * FROM demo.orders LIMIT 100';
  const status = h('span', { className: 'loch-muted', attrs: { role: 'status' } });
  const result = h('div', { className: 'loch-console-result' });
  let ctl: AbortController | undefined;
  let viewers: InPageViewer[] = [];
  const clear = () => {
    for (const v of viewers) v.dispose();
    viewers = [];
    result.replaceChildren();
  };
  const run = async () => {
    ctl?.abort();
    const mine = new AbortController();
    ctl = mine;
    try {
      const s = await lochSession.session();
      const ref = s.currentRef;
      status.textContent = `Running on ${ref} …`;
      clear();
      const ran = await runScript(
        s,
        editor.value,
        { maxRows: lochSession.settings.maxRows, signal: mine.signal, source: 'console' },
        {
          ended: (r) => {
            if (ctl !== mine) return;
            const view = statementView(r, lochSession);
            if (view.viewer) viewers.push(view.viewer);
            result.append(view.node);
          },
        },
      );
      if (ctl !== mine) return;
      status.textContent =
        ran === 0 ? 'no SQL statement to run' : `ref ${ref} · ${ran} statement(s)`;
    } catch (e) {
      if (ctl === mine) status.textContent = mine.signal.aborted ? 'Cancelled' : errorLine(e);
    }
  };
  editor.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.shiftKey || ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      ev.stopPropagation();
      void run();
    }
  });
  content.node.append(
    editor,
    h(
      'div',
      { className: 'loch-actions' },
      button('Run', 'Run on the current ref (Shift+Enter)', () => void run()),
      button('Cancel', 'Cancel the running query on Trino', () => ctl?.abort()),
      status,
    ),
    result,
  );
  const widget = new MainAreaWidget({ content });
  widget.id = `loch-sql-console-${++counter}`;
  widget.title.label = `SQL Console ${counter}`;
  widget.title.closable = true;
  widget.disposed.connect(() => {
    ctl?.abort();
    clear();
  });
  return widget;
}
