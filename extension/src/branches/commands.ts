import * as vscode from 'vscode';
import type { MergePreview, Reference, RefType } from '@loch/core';
import { WapGuide } from './wap';
import { commitLogMarkdown, diffMarkdown, mergePreviewMarkdown } from './markdown';
import type { Connection, ConnectionManager } from '../connections/manager';
import type { Logger } from '../log';
import { guarded } from '../log';

/** Commits the commit log shows. */
const LOG_LIMIT = 100;

/**
 * The branch workflow, on the connection's `LakehouseSession`: switch the current ref, create
 * and delete branches and tags, the commit log, a diff between refs, a merge shown as a preview
 * and then landed on exactly the previewed head, and a guided write-audit-publish.
 */
export function registerBranchCommands(
  connections: ConnectionManager,
  log: Logger,
): vscode.Disposable[] {
  const session = () => {
    const c = connections.require();
    if (!c.nessie) throw new Error(`profile "${c.profile.name}" has no Nessie URL`);
    return c.session;
  };
  const pickRef = async (
    placeHolder: string,
    filter?: (r: Reference) => boolean,
  ): Promise<Reference | undefined> => {
    const refs = (await session().listing.refs()).filter(filter ?? (() => true));
    const current = connections.currentRef;
    const pick = await vscode.window.showQuickPick(
      refs.map((r) => ({
        label: `${r.type === 'TAG' ? '$(tag)' : '$(git-branch)'} ${r.name}`,
        description: `${r.name === current ? 'current · ' : ''}${r.hash.slice(0, 12)}`,
        ref: r,
      })),
      { placeHolder },
    );
    return pick?.ref;
  };
  const show = async (content: string, language = 'markdown') => {
    const doc = await vscode.workspace.openTextDocument({ language, content });
    await vscode.window.showTextDocument(doc, { preview: true });
  };
  const wap = new WapGuide(connections, log, show);
  /** A ref named by the caller: a name, or a tree node carrying a ref. */
  const refArg = (a: unknown): (Pick<Reference, 'name'> & Partial<Reference>) | undefined =>
    typeof a === 'string' ? { name: a } : (a as { ref?: Reference } | undefined)?.ref;
  const createRef = async (type: RefType) => {
    const from = connections.currentRef ?? connections.require().defaultBranch;
    const name = await vscode.window.showInputBox({
      prompt: `New ${type === 'TAG' ? 'tag' : 'branch'} from ${from}`,
    });
    if (!name) return;
    const ref = await session().createRef(type, name, from);
    log.info(`created ${type.toLowerCase()} ${ref.name} at ${ref.hash} from ${from}`);
    // A new branch is where the user works next; a tag only needs the view to list it.
    connections.setRef(type === 'BRANCH' ? ref.name : (connections.currentRef ?? from));
  };

  return [
    vscode.commands.registerCommand(
      'loch.switchRef',
      guarded(log, 'Switching branch failed', async (arg?: unknown) => {
        const name = refArg(arg)?.name ?? (await pickRef('Switch the current branch or tag'))?.name;
        if (name) connections.setRef(name);
      }),
    ),
    vscode.commands.registerCommand(
      'loch.createBranch',
      guarded(log, 'Creating the branch failed', () => createRef('BRANCH')),
    ),
    vscode.commands.registerCommand(
      'loch.createTag',
      guarded(log, 'Creating the tag failed', () => createRef('TAG')),
    ),
    vscode.commands.registerCommand(
      'loch.deleteRef',
      guarded(log, 'Deleting failed', async (arg?: unknown) => {
        const conn = connections.require();
        const given = refArg(arg);
        const ref =
          given?.type !== undefined
            ? { name: given.name, type: given.type }
            : given
              ? await session().nessie.getReference(given.name)
              : await pickRef('Delete which branch or tag?', (r) => r.name !== conn.defaultBranch);
        if (!ref) return;
        if (ref.name === conn.defaultBranch) throw new Error(`"${ref.name}" is the default branch`);
        const ok = await vscode.window.showWarningMessage(
          `Delete ${ref.type === 'TAG' ? 'tag' : 'branch'} "${ref.name}" from Nessie?`,
          { modal: true },
          'Delete',
        );
        if (ok !== 'Delete') return;
        // The session deletes exactly that branch or tag (at the head it reads) with its catalog.
        const deleted = await session().deleteRef(ref.name, ref.type);
        log.info(`deleted ${ref.type.toLowerCase()} ${ref.name} at ${deleted.ref.hash}`);
        if (deleted.catalogError) {
          log.warn(`the catalog of ${ref.name} was not dropped: ${deleted.catalogError.message}`);
        }
        // The deleted ref cannot stay current (the session moves off it only once it has read
        // Nessie's default branch); listeners (the view) hear of it even when nothing changed.
        const current = connections.currentRef;
        connections.setRef(current && current !== ref.name ? current : conn.defaultBranch);
      }),
    ),
    vscode.commands.registerCommand(
      'loch.commitLog',
      guarded(log, 'Reading the commit log failed', async (arg?: unknown) => {
        const ref =
          refArg(arg)?.name ?? connections.currentRef ?? connections.require().defaultBranch;
        await show(commitLogMarkdown(await session().log(ref, { limit: LOG_LIMIT }), LOG_LIMIT));
      }),
    ),
    vscode.commands.registerCommand(
      'loch.diffRefs',
      guarded(log, 'Diff failed', async () => {
        const from = await pickRef('Diff from…');
        if (!from) return;
        const to = await pickRef(`Diff ${from.name} against…`);
        if (!to) return;
        await show(diffMarkdown(await session().diff(from.name, to.name)));
      }),
    ),
    vscode.commands.registerCommand(
      'loch.merge',
      guarded(log, 'Merge failed', async (arg?: unknown) => {
        const conn = connections.require();
        const fromName =
          refArg(arg)?.name ??
          (await pickRef('Merge which branch?', (r) => r.type === 'BRANCH'))?.name;
        if (!fromName) return;
        const into = await pickRef(
          `Merge ${fromName} into…`,
          (r) => r.type === 'BRANCH' && r.name !== fromName,
        );
        if (!into) return;
        await mergeWithPreview(conn, fromName, into.name, log, show);
      }),
    ),
    vscode.commands.registerCommand(
      'loch.writeAuditPublish',
      guarded(log, 'Write-audit-publish failed', () => wap.run()),
    ),
  ];
}

/**
 * Shows what merging `from` into `into` would do, then, once confirmed, merges exactly that
 * preview: the session lands it only on the head the preview showed. A target that moved in
 * between throws `MergeTargetMovedError` (nothing merged), which the command's guard reports
 * as one line with its hint ("preview the merge again").
 */
async function mergeWithPreview(
  conn: Connection,
  from: string,
  into: string,
  log: Logger,
  show: (content: string) => Promise<void>,
): Promise<void> {
  const preview: MergePreview = await conn.session.previewMerge(from, into);
  await show(mergePreviewMarkdown(preview));
  if (preview.conflicts.length > 0) {
    void vscode.window.showErrorMessage(
      `Loch: merging ${from} into ${into} conflicts on ${preview.conflicts.map((c) => c.key).join(', ')}; nothing was merged`,
    );
    return;
  }
  if (!preview.canMerge) {
    void vscode.window.showInformationMessage(
      `Loch: nothing to merge: ${into} already has every commit of ${from}.`,
    );
    return;
  }
  const ok = await vscode.window.showInformationMessage(
    `Merge ${preview.commits.length}${preview.commitsTruncated ? '+' : ''} commit(s) of ${from} into ${into} at ${preview.into.hash.slice(0, 12)}?`,
    { modal: true },
    'Merge',
  );
  if (ok !== 'Merge') return;
  // A moved target throws MergeTargetMovedError: the command's guard shows its line and hint.
  const r = await conn.session.merge(preview, { message: `Merge ${from} into ${into} (Loch)` });
  log.info(`merged ${from} into ${into}: ${into} is now at ${r.resultantTargetHash ?? '?'}`);
  void vscode.window.showInformationMessage(`Loch: merged ${from} into ${into}.`);
}
