// The sidebar's namespaces → tables and views → columns of one ref, all from the session's
// `LakeListing`: what counts as a table, the order and the column types are the core's, the
// same as the VS Code tree and `loch tables` show. Only rendering happens here.
import { errorLine, type LakehouseSession, type TableEntry } from '@loch/core';
import { button, h } from './dom';

/** Tables shown per namespace before a "More" row: a large lake stays quick to open. */
export const TABLE_PAGE_SIZE = 200;

export interface LakeTreeOptions {
  openTableDetails: (ref: string, namespace: string[], table: string) => void;
}

/** Fills `box` with the namespaces of `ref` and the first page of each one's tables. */
export async function renderLakeTree(
  box: HTMLElement,
  session: LakehouseSession,
  ref: string,
  options: LakeTreeOptions,
): Promise<void> {
  // A reload keeps the previous tree until the new one is complete (the panel is aria-busy
  // meanwhile), so it never flickers through "Loading" or shows half a listing.
  if (box.childElementCount === 0) {
    box.append(h('div', { className: 'loch-muted', text: 'Loading …' }));
  }
  try {
    const namespaces = await session.listing.namespaces(ref);
    const nodes = await Promise.all(
      namespaces.map(async (ns) => {
        const node = h('details', {
          className: 'loch-namespace',
          attrs: { open: '', 'data-namespace': ns.schema },
        });
        const list = h('ul');
        node.append(h('summary', { text: ns.schema }), list);
        await appendTablePage(list, session, ref, ns.namespace, undefined, options);
        return node;
      }),
    );
    // Read last, just before the swap: a table opened while this listing loaded stays open.
    const previous = box.dataset.ref === ref ? treeState(box) : undefined;
    box.replaceChildren(...nodes);
    box.dataset.ref = ref;
    if (previous) restoreTreeState(box, previous);
    if (nodes.length === 0) {
      box.append(h('div', { className: 'loch-muted', text: `No namespaces on ${ref}` }));
    }
  } catch (e) {
    box.replaceChildren(h('div', { className: 'loch-error', text: errorLine(e) }));
  }
}

/** What the user opened or closed in the tree, kept when a reload re-renders the same ref. */
interface TreeState {
  openTables: Set<string>;
  closedNamespaces: Set<string>;
}

function treeState(box: HTMLElement): TreeState {
  const keys = (selector: string, attr: string) =>
    new Set([...box.querySelectorAll<HTMLElement>(selector)].map((e) => e.dataset[attr] ?? ''));
  return {
    openTables: keys('li.loch-table > details[open] > summary', 'table'),
    closedNamespaces: keys('details.loch-namespace:not([open])', 'namespace'),
  };
}

function restoreTreeState(box: HTMLElement, state: TreeState): void {
  for (const ns of box.querySelectorAll<HTMLDetailsElement>('details.loch-namespace')) {
    if (state.closedNamespaces.has(ns.dataset.namespace ?? '')) ns.open = false;
  }
  for (const summary of box.querySelectorAll<HTMLElement>('li.loch-table > details > summary')) {
    // Opening fires the details' toggle listener, which loads the columns (cached per hash).
    if (state.openTables.has(summary.dataset.table ?? '')) {
      (summary.parentElement as HTMLDetailsElement).open = true;
    }
  }
}

/** Appends one page of tables to `list`, and a "More" row when the listing continues. */
async function appendTablePage(
  list: HTMLUListElement,
  session: LakehouseSession,
  ref: string,
  namespace: string[],
  pageToken: string | undefined,
  options: LakeTreeOptions,
): Promise<void> {
  try {
    const page = await session.listing.tables(ref, namespace, {
      pageToken,
      pageSize: TABLE_PAGE_SIZE,
    });
    for (const t of page.entries) list.append(tableNode(session, ref, t, options));
    if (!pageToken && page.entries.length === 0) {
      list.append(h('li', { className: 'loch-muted', text: 'No tables' }));
    }
    const next = page.nextPageToken;
    if (next) {
      const more = h('li', { className: 'loch-more' });
      more.append(
        button('More …', `The next ${TABLE_PAGE_SIZE} tables`, () => {
          more.remove();
          void appendTablePage(list, session, ref, namespace, next, options);
        }),
      );
      list.append(more);
    }
  } catch (e) {
    list.append(h('li', { className: 'loch-error', text: errorLine(e) }));
  }
}

function tableNode(
  session: LakehouseSession,
  ref: string,
  entry: TableEntry,
  options: LakeTreeOptions,
): HTMLLIElement {
  const key = [...entry.namespace, entry.name].join('.');
  const item = h('li', { className: 'loch-table' });
  const details = h('details');
  const summary = h('summary', {
    text: entry.name,
    title: `${key} (${entry.kind}${entry.snapshotId ? `, snapshot ${entry.snapshotId}` : ''})`,
    attrs: { 'data-table': key, 'data-kind': entry.kind },
  });
  const columns = h('ul', { className: 'loch-columns' });
  details.append(summary, columns);
  details.addEventListener('toggle', () => {
    // Loaded once; a failed load is tried again when the table is opened again.
    if (!details.open || columns.dataset.state === 'loading' || columns.dataset.state === 'done')
      return;
    columns.dataset.state = 'loading';
    columns.replaceChildren(h('li', { className: 'loch-muted', text: 'Loading …' }));
    void renderColumns(columns, session, ref, entry);
  });
  item.append(details);
  if (entry.kind === 'view') {
    item.append(h('span', { className: 'loch-muted loch-kind', text: 'view' }));
  } else {
    const info = button('Details', `Schema, partition spec, snapshots and files of ${key}`, () =>
      options.openTableDetails(ref, entry.namespace, entry.name),
    );
    info.classList.add('loch-small');
    item.append(info);
  }
  return item;
}

async function renderColumns(
  box: HTMLUListElement,
  session: LakehouseSession,
  ref: string,
  entry: TableEntry,
): Promise<void> {
  try {
    const columns = await session.listing.columns(ref, {
      namespace: entry.namespace,
      name: entry.name,
    });
    box.replaceChildren(
      ...columns.map((c) =>
        h(
          'li',
          {
            className: 'loch-column',
            title: [c.nullable ? 'nullable' : 'not null', c.comment].filter(Boolean).join(': '),
          },
          h('span', { text: c.name }),
          h('span', { className: 'loch-muted', text: ` ${c.type}` }),
        ),
      ),
    );
    box.dataset.state = 'done';
  } catch (e) {
    box.replaceChildren(h('li', { className: 'loch-error', text: errorLine(e) }));
    box.dataset.state = 'failed';
  }
}
