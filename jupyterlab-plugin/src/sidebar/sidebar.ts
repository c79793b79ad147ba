// The Loch sidebar (left area): Nessie refs with the current one marked, branch actions,
// namespaces → tables → columns of the current ref, table details and the ref's commit log.
// Views show state, not exceptions: loading, empty and error states are rows in the panel.
import { Dialog, InputDialog, showDialog } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';
import {
  validateRefName,
  NessieConflictError,
  type Entry,
  type Reference,
  deleteRef,
  qualifiedName,
  errorLine,
} from '@loch/core';
import type { LochSession } from '../session';
import type { ILochSession } from '../tokens';
import { button, h } from './dom';

export interface SidebarOptions {
  session: ILochSession;
  openTableDetails: (ref: string, namespace: string[], table: string) => void;
}

export class LochSidebar extends Widget {
  private readonly refsBox = h('ul', {
    className: 'loch-refs',
    attrs: { 'aria-label': 'Nessie refs' },
  });
  private readonly tablesBox = h('div', { className: 'loch-tables' });
  private readonly logBox = h('ol', { className: 'loch-log' });
  private readonly message = h('div', { className: 'loch-message', attrs: { role: 'status' } });
  private refs: Reference[] = [];

  constructor(private readonly options: SidebarOptions) {
    super();
    this.id = 'loch-sidebar';
    this.addClass('loch-sidebar');
    this.title.caption = 'Loch: Nessie refs and Iceberg tables';
    const actions = h(
      'div',
      { className: 'loch-actions' },
      button('Refresh', 'Reload refs and tables', () => void this.refresh()),
      button('New branch', 'Create a branch from the current ref', () => void this.createBranch()),
      button(
        'Merge',
        'Merge the current ref into a branch (with a dry-run preview)',
        () => void this.merge(),
      ),
      button(
        'Delete',
        'Delete the current ref (not the default branch)',
        () => void this.deleteCurrent(),
      ),
    );
    this.node.append(
      h('h2', { className: 'loch-heading', text: 'Refs' }),
      actions,
      this.message,
      this.refsBox,
      h('h2', { className: 'loch-heading', text: 'Tables' }),
      this.tablesBox,
      h('h2', { className: 'loch-heading', text: 'Commit log' }),
      this.logBox,
    );
  }

  /** Refs change outside this page (other users, pipelines): reload whenever the panel shows. */
  protected override onAfterShow(): void {
    void this.refresh();
  }

  private say(text: string, isError = false): void {
    this.message.textContent = text;
    this.message.classList.toggle('loch-error', isError);
  }

  /** Reloads refs, tables and log; the message line (last action's outcome) is kept. */
  async refresh(): Promise<void> {
    this.node.setAttribute('aria-busy', 'true');
    try {
      const session = await this.options.session.session();
      const refs = await session.nessie.listReferences();
      this.refs = refs.sort((a, b) => a.name.localeCompare(b.name));
      this.renderRefs(session);
      await Promise.all([this.renderTables(session), this.renderLog(session)]);
    } catch (e) {
      this.say(`Cannot reach the lakehouse: ${errorLine(e)}`, true);
    } finally {
      this.node.removeAttribute('aria-busy');
    }
  }

  private renderRefs(session: LochSession): void {
    this.refsBox.replaceChildren();
    if (this.refs.length === 0) this.refsBox.append(h('li', { text: 'No refs' }));
    for (const ref of this.refs) {
      const current = ref.name === session.currentRef;
      const item = h('li', { className: 'loch-ref' });
      const b = button(
        `${current ? '● ' : ''}${ref.name}`,
        `${ref.type.toLowerCase()} ${ref.name} at ${ref.hash.slice(0, 12)}${current ? ' (current)' : ''}`,
        () => {
          session.setCurrentRef(ref.name);
          void this.refresh();
        },
      );
      b.dataset.ref = ref.name;
      b.classList.add('loch-ref-button');
      if (current) {
        b.setAttribute('aria-current', 'true');
        item.classList.add('loch-current');
      }
      item.append(
        b,
        h('span', { className: 'loch-ref-type', text: ref.type === 'TAG' ? 'tag' : '' }),
      );
      this.refsBox.append(item);
    }
  }

  private async renderTables(session: LochSession): Promise<void> {
    const ref = session.currentRef;
    this.tablesBox.replaceChildren(h('div', { className: 'loch-muted', text: 'Loading …' }));
    let entries: Entry[];
    try {
      entries = await session.nessie.entries(ref);
    } catch (e) {
      this.tablesBox.replaceChildren(h('div', { className: 'loch-error', text: errorLine(e) }));
      return;
    }
    const tables = entries.filter((e) => e.type === 'ICEBERG_TABLE' || e.type === 'ICEBERG_VIEW');
    const byNamespace = new Map<string, Entry[]>();
    for (const t of tables) {
      const ns = t.elements.slice(0, -1).join('.');
      byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), t]);
    }
    this.tablesBox.replaceChildren();
    if (byNamespace.size === 0) {
      this.tablesBox.append(h('div', { className: 'loch-muted', text: `No tables on ${ref}` }));
    }
    for (const ns of [...byNamespace.keys()].sort()) {
      const nsNode = h('details', { className: 'loch-namespace', attrs: { open: '' } });
      nsNode.append(h('summary', { text: ns || '(root)' }));
      const list = h('ul');
      for (const t of byNamespace.get(ns)!.sort((a, b) => a.key.localeCompare(b.key))) {
        list.append(this.tableNode(session, ref, t));
      }
      nsNode.append(list);
      this.tablesBox.append(nsNode);
    }
  }

  private tableNode(session: LochSession, ref: string, entry: Entry): HTMLLIElement {
    const name = entry.elements[entry.elements.length - 1]!;
    const namespace = entry.elements.slice(0, -1);
    const item = h('li', { className: 'loch-table' });
    const details = h('details');
    const summary = h('summary', { text: name, title: `${entry.key} (${entry.type})` });
    summary.dataset.table = entry.key;
    const columns = h('ul', { className: 'loch-columns' });
    details.append(summary, columns);
    details.addEventListener('toggle', () => {
      if (!details.open || columns.childElementCount > 0) return;
      columns.append(h('li', { className: 'loch-muted', text: 'Loading …' }));
      void (async () => {
        try {
          const catalog = await session.catalogFor(ref);
          const r = await session.run(
            `SHOW COLUMNS FROM ${qualifiedName(catalog, namespace.join('.'), name)}`,
          );
          columns.replaceChildren(
            ...r.rows.map((row) =>
              h(
                'li',
                { className: 'loch-column' },
                h('span', { text: String(row[0]) }),
                h('span', { className: 'loch-muted', text: ` ${String(row[1])}` }),
              ),
            ),
          );
        } catch (e) {
          columns.replaceChildren(h('li', { className: 'loch-error', text: errorLine(e) }));
        }
      })();
    });
    const info = button(
      'Details',
      `Schema, partition spec, snapshots and files of ${entry.key}`,
      () => this.options.openTableDetails(ref, namespace, name),
    );
    info.classList.add('loch-small');
    item.append(details, info);
    return item;
  }

  private async renderLog(session: LochSession): Promise<void> {
    this.logBox.replaceChildren();
    try {
      const commits = await session.nessie.commits(session.currentRef, { limit: 20 });
      for (const c of commits) {
        this.logBox.append(
          h(
            'li',
            { title: `${c.hash}\n${c.committer ?? ''} ${c.commitTime ?? ''}` },
            h('code', { text: c.hash.slice(0, 8) }),
            ` ${c.message.split('\n')[0] ?? ''}`,
          ),
        );
      }
      if (commits.length === 0)
        this.logBox.append(h('li', { className: 'loch-muted', text: 'No commits' }));
    } catch (e) {
      this.logBox.append(h('li', { className: 'loch-error', text: errorLine(e) }));
    }
  }

  private async createBranch(): Promise<void> {
    const session = await this.options.session.session();
    const from = session.currentRef;
    const answer = await InputDialog.getText({
      title: `New branch from ${from}`,
      label: 'Branch name',
      placeholder: 'etl/my-change',
    });
    if (!answer.button.accept || !answer.value) return;
    try {
      validateRefName(answer.value);
      const base = await session.nessie.getReference(from);
      await session.nessie.createBranch(answer.value, base);
      session.setCurrentRef(answer.value);
      this.say(`Created ${answer.value} from ${from}`);
    } catch (e) {
      this.say(errorLine(e), true);
    }
    await this.refresh();
  }

  private async deleteCurrent(): Promise<void> {
    const session = await this.options.session.session();
    const name = session.currentRef;
    const config = await session.nessie.config();
    if (name === config.defaultBranch) {
      this.say(`${name} is the default branch: it cannot be deleted`, true);
      return;
    }
    const ok = await showDialog({
      title: `Delete ${name}?`,
      body: `The ref ${name} and its Trino catalog are removed. Its commits stay reachable from other refs only.`,
      buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: 'Delete' })],
    });
    if (!ok.button.accept) return;
    try {
      await deleteRef(session.nessie, session.catalogs, name);
      session.setCurrentRef(config.defaultBranch);
      this.say(`Deleted ${name}`);
    } catch (e) {
      this.say(errorLine(e), true);
    }
    await this.refresh();
  }

  private async merge(): Promise<void> {
    const session = await this.options.session.session();
    const from = session.currentRef;
    const targets = this.refs
      .filter((r) => r.type === 'BRANCH' && r.name !== from)
      .map((r) => r.name);
    if (targets.length === 0) {
      this.say('No other branch to merge into', true);
      return;
    }
    const pick = await InputDialog.getItem({
      title: `Merge ${from} into …`,
      items: targets,
      current: Math.max(targets.indexOf('main'), 0),
    });
    if (!pick.button.accept || !pick.value) return;
    const into = pick.value;
    try {
      const target = await session.nessie.getReference(into);
      // Nessie answers a conflicting dry run with a conflict error naming the keys.
      let keys: string[] = [];
      let conflicts: string[] = [];
      let ok = true;
      try {
        const preview = await session.nessie.merge({
          from,
          into,
          expectedHash: target.hash,
          dryRun: true,
        });
        keys = preview.details.map((d) => d.key);
        conflicts = preview.details.filter((d) => d.conflict).map((d) => d.key);
        ok = preview.wasSuccessful && conflicts.length === 0;
      } catch (e) {
        if (!(e instanceof NessieConflictError)) throw e;
        conflicts = e.keys.length ? e.keys : [`${into} moved (reload and retry)`];
        ok = false;
      }
      const body = h(
        'div',
        { className: 'loch-merge-preview' },
        h('p', {
          text: conflicts.length
            ? `Conflicts on ${conflicts.join(', ')}: nothing would be merged.`
            : keys.length
              ? `Changes ${keys.length} key(s): ${keys.join(', ')}`
              : 'Nothing to merge: the target already has these changes.',
        }),
      );
      const confirm = await showDialog({
        title: `Merge ${from} into ${into} (dry run)`,
        body: new Widget({ node: body }),
        buttons: !ok
          ? [Dialog.cancelButton({ label: 'Close' })]
          : [Dialog.cancelButton(), Dialog.okButton({ label: 'Merge' })],
      });
      if (!confirm.button.accept) return;
      await session.nessie.merge({ from, into, expectedHash: target.hash });
      this.say(`Merged ${from} into ${into}`);
    } catch (e) {
      if (e instanceof NessieConflictError) {
        this.say(`Merge refused: ${e.oneLine()}`, true);
      } else {
        this.say(errorLine(e), true);
      }
    }
    await this.refresh();
  }
}
