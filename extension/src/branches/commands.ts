import * as vscode from 'vscode';
import { NessieClient, type Reference, deleteRef } from '@loch/core';
import { WapGuide } from './wap';
import type { ConnectionManager } from '../connections/manager';
import type { Logger } from '../log';
import { guarded } from '../log';

/**
 * The branch workflow: switch the current ref, create and delete branches and tags, the commit
 * log, a diff between refs, a merge previewed by a dry run, and a guided write-audit-publish.
 */
export function registerBranchCommands(
  connections: ConnectionManager,
  log: Logger,
): vscode.Disposable[] {
  const nessie = () => {
    const c = connections.require();
    if (!c.nessie) throw new Error(`profile "${c.profile.name}" has no Nessie URL`);
    return new NessieClient(c.nessie);
  };
  const pickRef = async (
    placeHolder: string,
    filter?: (r: Reference) => boolean,
  ): Promise<Reference | undefined> => {
    const refs = (await nessie().listReferences()).filter(filter ?? (() => true));
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
  const refArg = (a: unknown): string | undefined =>
    typeof a === 'string' ? a : (a as { ref?: { name?: string } } | undefined)?.ref?.name;
  const createRef = async (type: 'BRANCH' | 'TAG') => {
    const from = connections.currentRef ?? connections.require().defaultBranch;
    const name = await vscode.window.showInputBox({
      prompt: `New ${type === 'TAG' ? 'tag' : 'branch'} from ${from}`,
    });
    if (!name) return;
    const client = nessie();
    const ref =
      type === 'TAG' ? await client.createTag(name, from) : await client.createBranch(name, from);
    log.info(`created ${type.toLowerCase()} ${ref.name} at ${ref.hash} from ${from}`);
    if (type === 'BRANCH') connections.setRef(ref.name);
    else connections.setRef(connections.currentRef ?? from);
  };

  return [
    vscode.commands.registerCommand(
      'loch.switchRef',
      guarded(log, 'Switching branch failed', async (arg?: unknown) => {
        const name = refArg(arg) ?? (await pickRef('Switch the current branch or tag'))?.name;
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
        const name =
          refArg(arg) ??
          (await pickRef('Delete which branch or tag?', (r) => r.name !== conn.defaultBranch))
            ?.name;
        if (!name) return;
        if (name === conn.defaultBranch) throw new Error(`"${name}" is the default branch`);
        const ok = await vscode.window.showWarningMessage(
          `Delete "${name}" from Nessie?`,
          { modal: true },
          'Delete',
        );
        if (ok !== 'Delete') return;
        const catalogs = conn.lakeCatalogProperties ? conn.session.catalogs : undefined;
        // With its Trino catalog when Loch knows the lake (the core drops both together).
        if (catalogs) await deleteRef(nessie(), catalogs, name);
        else await nessie().deleteReference(name);
        log.info(`deleted ${name}`);
        if (connections.currentRef === name) connections.setRef(conn.defaultBranch);
        else connections.setRef(connections.currentRef ?? conn.defaultBranch);
      }),
    ),
    vscode.commands.registerCommand(
      'loch.commitLog',
      guarded(log, 'Reading the commit log failed', async (arg?: unknown) => {
        const ref = refArg(arg) ?? connections.currentRef ?? connections.require().defaultBranch;
        const page = await nessie().commitLog(ref, { maxRecords: 100 });
        const lines = page.entries.map((e) => {
          const m = e.commitMeta;
          return `- \`${(m.hash ?? '').slice(0, 12)}\` ${m.commitTime ?? ''} **${m.authors?.[0] ?? m.committer ?? ''}** ${(m.message ?? '').split('\n')[0]}`;
        });
        await show(
          `# Commit log of ${ref}\n\n${lines.join('\n')}${page.hasMore ? '\n\n… (older commits not shown)' : ''}\n`,
        );
      }),
    ),
    vscode.commands.registerCommand(
      'loch.diffRefs',
      guarded(log, 'Diff failed', async () => {
        const from = await pickRef('Diff from…');
        if (!from) return;
        const to = await pickRef(`Diff ${from.name} against…`);
        if (!to) return;
        const diff = await nessie().diff(from.name, to.name);
        const rows = diff.entries.map(
          (e) =>
            `| ${e.key} | ${e.from ? 'yes' : '—'} | ${e.to ? 'yes' : '—'} | ${!e.from ? 'added' : !e.to ? 'removed' : 'changed'} |`,
        );
        await show(
          `# Diff ${from.name} → ${to.name}\n\n| key | on ${from.name} | on ${to.name} | change |\n| --- | --- | --- | --- |\n${rows.join('\n') || '| (no differences) | | | |'}\n`,
        );
      }),
    ),
    vscode.commands.registerCommand(
      'loch.merge',
      guarded(log, 'Merge failed', async (arg?: unknown) => {
        const conn = connections.require();
        const fromName =
          refArg(arg) ?? (await pickRef('Merge which branch?', (r) => r.type === 'BRANCH'))?.name;
        if (!fromName) return;
        const into =
          (
            await pickRef(
              `Merge ${fromName} into…`,
              (r) => r.type === 'BRANCH' && r.name !== fromName,
            )
          )?.name ?? conn.defaultBranch;
        await mergeWithPreview(nessie(), fromName, into, log, show);
      }),
    ),
    vscode.commands.registerCommand(
      'loch.writeAuditPublish',
      guarded(log, 'Write-audit-publish failed', () => wap.run()),
    ),
  ];
}

async function mergeWithPreview(
  client: NessieClient,
  from: string,
  into: string,
  log: Logger,
  show: (content: string) => Promise<void>,
): Promise<void> {
  const dry = await client.merge({ from, into, dryRun: true });
  const conflicts = dry.details.filter((d) => d.conflict);
  const table = dry.details.map(
    (d) =>
      `| ${d.key} | ${d.mergeBehavior ?? ''} | ${d.conflict ? `${d.conflict.conflictType ?? 'conflict'}: ${d.conflict.message ?? ''}` : ''} |`,
  );
  await show(
    `# Merge ${from} → ${into} (dry run)\n\n${dry.wasSuccessful ? 'The merge applies cleanly.' : `**${conflicts.length} conflict(s)**: the merge cannot apply.`}\n\n| key | behaviour | conflict |\n| --- | --- | --- |\n${table.join('\n') || '| (no changed keys) | | |'}\n`,
  );
  if (!dry.wasSuccessful) {
    void vscode.window.showErrorMessage(
      `Loch: merging ${from} into ${into} conflicts on ${conflicts.map((c) => c.key).join(', ')}`,
    );
    return;
  }
  const ok = await vscode.window.showInformationMessage(
    `Merge ${from} into ${into}?`,
    { modal: true },
    'Merge',
  );
  if (ok !== 'Merge') return;
  const r = await client.merge({ from, into, message: `Merge ${from} into ${into} (Loch)` });
  log.info(`merged ${from} into ${into}: ${into} is now at ${r.resultantTargetHash ?? '?'}`);
  void vscode.window.showInformationMessage(`Loch: merged ${from} into ${into}.`);
}
