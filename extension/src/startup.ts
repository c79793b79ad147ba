import * as vscode from 'vscode';
import type { Logger } from './log';
import { messageOf } from './log';

/**
 * Opens the files `loch.startup.open` lists, once per workspace: the sample workspace of
 * `npm start` opens on its sample queries and notebook.
 */
export async function openStartupFiles(
  context: vscode.ExtensionContext,
  log: Logger,
): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || context.workspaceState.get('loch.startupOpened')) return;
  const files =
    vscode.workspace.getConfiguration('loch', folder.uri).get<string[]>('startup.open') ?? [];
  if (files.length === 0) return;
  await context.workspaceState.update('loch.startupOpened', true);
  for (const f of files) {
    const uri = vscode.Uri.joinPath(folder.uri, f);
    try {
      if (f.endsWith('.lochnb'))
        await vscode.window.showNotebookDocument(await vscode.workspace.openNotebookDocument(uri), {
          preview: false,
        });
      else await vscode.window.showTextDocument(uri, { preview: false });
    } catch (e) {
      log.warn(`could not open ${f}: ${messageOf(e)}`);
    }
  }
}
