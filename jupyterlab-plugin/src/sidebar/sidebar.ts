// The Loch sidebar (left area): Nessie refs with the current one marked, ref actions,
// namespaces → tables → columns of the current ref and the ref's commit log. It renders the
// page's `LakehouseSession`: listing, merge, create/delete, diff and log are the session's, and
// it reloads when the session says a ref moved or the current ref changed.
// Views show state, not exceptions: loading, empty and error states are rows in the panel.
import { Dialog, InputDialog, showDialog } from '@jupyterlab/apputils';
import { Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import { errorLine, type LakehouseSession, type Reference } from '@loch/core';
import type { ILochSession } from '../tokens';
import { button, h } from './dom';
import { renderLakeTree } from './lake-tree';
import { mergeWithPreview } from './merge-flow';
import { compareRefs } from './ref-diff';

export interface SidebarOptions {
  session: ILochSession;
  openTableDetails: (ref: string, namespace: string[], table: string) => void;
}

/** Commits shown in the log. */
const LOG_LIMIT = 20;

export class LochSidebar extends Widget {
  private readonly refsBox = h('ul', {
    className: 'loch-refs',
    attrs: { 'aria-label': 'Nessie refs' },
  });
  private readonly tablesBox = h('div', { className: 'loch-tables' });
  private readonly logBox = h('ol', { className: 'loch-log' });
  private readonly message = h('div', { className: 'loch-message', attrs: { role: 'status' } });
  private refs: Reference[] = [];
  private running: Promise<void> | undefined;
  private again = false;

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
        'Merge the current ref into a branch (after a preview)',
        () => void this.merge(),
      ),
      button(
        'Compare',
        'The tables that differ between the current ref and another',
        () => void this.compare(),
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
    // The session's own signals: a statement, merge or notebook moved a ref, or another view
    // switched the current ref. Refs moved by others are picked up when the panel shows.
    options.session.committed.connect(() => void this.refresh(), this);
    options.session.refChanged.connect(() => void this.refresh(), this);
  }

  override dispose(): void {
    Signal.clearData(this);
    super.dispose();
  }

  /** Refs change outside this page (other users, pipelines): reload whenever the panel shows. */
  protected override onAfterShow(): void {
    void this.refresh();
  }

  private say(text: string, isError = false): void {
    this.message.textContent = text;
    this.message.classList.toggle('loch-error', isError);
  }

  /**
   * Reloads refs, tables and log; the message line (last action's outcome) is kept. Calls made
   * while a reload runs are folded into one more reload after it, so signals arriving in a burst
   * never interleave two renderings.
   */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      this.node.setAttribute('aria-busy', 'true');
      try {
        do {
          this.again = false;
          await this.load();
        } while (this.again);
      } finally {
        this.node.removeAttribute('aria-busy');
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async load(): Promise<void> {
    let session: LakehouseSession;
    try {
      session = await this.options.session.session();
      this.refs = await session.listing.refs();
    } catch (e) {
      this.say(`Cannot reach the lakehouse: ${errorLine(e)}`, true);
      return;
    }
    const ref = session.currentRef;
    this.renderRefs(session, ref);
    await Promise.all([
      renderLakeTree(this.tablesBox, session, ref, this.options),
      this.renderLog(session, ref),
    ]);
  }

  private renderRefs(session: LakehouseSession, currentRef: string): void {
    this.refsBox.replaceChildren();
    if (this.refs.length === 0) this.refsBox.append(h('li', { text: 'No refs' }));
    for (const ref of this.refs) {
      const current = ref.name === currentRef;
      const item = h('li', { className: 'loch-ref' });
      const b = button(
        `${current ? '● ' : ''}${ref.name}`,
        `${ref.type.toLowerCase()} ${ref.name} at ${ref.hash.slice(0, 12)}${current ? ' (current)' : ''}`,
        // The session announces the switch (refChanged), which reloads this panel.
        () => session.setCurrentRef(ref.name),
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

  private async renderLog(session: LakehouseSession, ref: string): Promise<void> {
    try {
      const { commits } = await session.log(ref, { limit: LOG_LIMIT });
      this.logBox.replaceChildren(
        ...commits.map((c) =>
          h(
            'li',
            { title: `${c.hash}\n${c.committer ?? ''} ${c.commitTime ?? ''}` },
            h('code', { text: c.hash.slice(0, 8) }),
            ` ${c.message.split('\n')[0] ?? ''}`,
          ),
        ),
      );
      if (commits.length === 0)
        this.logBox.append(h('li', { className: 'loch-muted', text: 'No commits' }));
    } catch (e) {
      this.logBox.replaceChildren(h('li', { className: 'loch-error', text: errorLine(e) }));
    }
  }

  private async createBranch(): Promise<void> {
    const session = await this.connected();
    if (!session) return;
    const from = session.currentRef;
    const answer = await InputDialog.getText({
      title: `New branch from ${from}`,
      label: 'Branch name',
      placeholder: 'etl/my-change',
    });
    if (!answer.button.accept || !answer.value) return;
    try {
      await session.createRef('BRANCH', answer.value, from);
      this.say(`Created ${answer.value} from ${from}`);
      session.setCurrentRef(answer.value);
    } catch (e) {
      this.say(errorLine(e), true);
    }
    await this.refresh();
  }

  private async deleteCurrent(): Promise<void> {
    const session = await this.connected();
    if (!session) return;
    const name = session.currentRef;
    const ref = this.refs.find((r) => r.name === name);
    try {
      const config = await session.nessie.config();
      if (name === config.defaultBranch) {
        this.say(`${name} is the default branch: it cannot be deleted`, true);
        return;
      }
    } catch (e) {
      this.say(errorLine(e), true);
      return;
    }
    const ok = await showDialog({
      title: `Delete ${name}?`,
      body: `The ${ref?.type === 'TAG' ? 'tag' : 'branch'} ${name} and its Trino catalog are removed. Its commits stay reachable from other refs only.`,
      buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: 'Delete' })],
    });
    if (!ok.button.accept) return;
    try {
      // The session moves the current ref to the default branch (refChanged reloads the panel).
      await session.deleteRef(name, ref?.type ?? 'BRANCH', { expectedHash: ref?.hash });
      this.say(`Deleted ${name}`);
    } catch (e) {
      this.say(errorLine(e), true);
    }
    await this.refresh();
  }

  private async merge(): Promise<void> {
    const session = await this.connected();
    if (!session) return;
    const from = session.currentRef;
    const targets = this.refs
      .filter((r) => r.type === 'BRANCH' && r.name !== from)
      .map((r) => r.name);
    const outcome = await mergeWithPreview(session, from, targets);
    if (!outcome) return;
    this.say(outcome.text, outcome.isError);
    await this.refresh();
  }

  private async compare(): Promise<void> {
    const session = await this.connected();
    if (!session) return;
    const from = session.currentRef;
    const others = this.refs.filter((r) => r.name !== from).map((r) => r.name);
    const failure = await compareRefs(session, from, others);
    if (failure) this.say(failure, true);
  }

  /** The session, or undefined with the reason on the message line. */
  private async connected(): Promise<LakehouseSession | undefined> {
    try {
      return await this.options.session.session();
    } catch (e) {
      this.say(`Cannot reach the lakehouse: ${errorLine(e)}`, true);
      return undefined;
    }
  }
}
