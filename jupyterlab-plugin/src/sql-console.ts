// The SQL console (from the launcher): an editor for ad-hoc Trino SQL on the current ref, a
// Run / Cancel pair and the result view below. Ctrl/Shift+Enter runs.
import { MainAreaWidget } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';
import type { LochSession } from './session';
import { InPageViewer } from './results/viewer-host';
import { errorLine } from '@loch/core';
import { button, h } from './sidebar/dom';

let counter = 0;

export function sqlConsole(session: () => Promise<LochSession>): MainAreaWidget {
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
  let viewer: InPageViewer | undefined;
  const run = async () => {
    ctl?.abort();
    const mine = new AbortController();
    ctl = mine;
    const s = await session();
    status.textContent = `Running on ${s.currentRef} …`;
    try {
      const outcome = await s.query(editor.value, { signal: mine.signal });
      viewer?.dispose();
      result.replaceChildren();
      viewer = new InPageViewer(
        result,
        {
          table: outcome.table,
          sql: editor.value,
          queryId: outcome.queryId,
          catalog: outcome.catalog,
          complete: outcome.complete,
          totalRows: outcome.table.numRows,
        },
        session,
      );
      status.textContent = `ref ${outcome.ref} · query ${outcome.queryId}`;
    } catch (e) {
      status.textContent = mine.signal.aborted ? 'Cancelled' : errorLine(e);
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
    viewer?.dispose();
  });
  return widget;
}
