import * as vscode from 'vscode';
import type { ConnectionManager } from './manager';
import type { Logger } from '../log';
import { reportError } from '../log';
import { LOCAL_PROFILE, secretKey } from './profile';

/** Connect, disconnect, add a profile, store a secret: the user-facing side of connections. */
export function registerConnectionCommands(
  connections: ConnectionManager,
  context: vscode.ExtensionContext,
  log: Logger,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('loch.connectLocal', async () => {
      try {
        const c = await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Window,
            title: 'Loch: connecting to the local platform',
          },
          () => connections.connectLocal(),
        );
        void vscode.window.showInformationMessage(
          `Loch: connected to the local platform (${c.profile.trinoUrl}).`,
        );
      } catch (e) {
        reportError(log, 'Could not connect to the local platform', e);
      }
    }),
    vscode.commands.registerCommand('loch.connect', async () => {
      const items: (vscode.QuickPickItem & { profile: string })[] = [
        {
          label: '$(rocket) Local platform',
          description: 'the platform `loch up` started',
          profile: LOCAL_PROFILE,
        },
        ...connections.profiles().map((p) => ({
          label: p.name,
          description: p.trinoUrl,
          detail: p.nessieUrl ? `Nessie ${p.nessieUrl}` : undefined,
          profile: p.name,
        })),
        { label: '$(add) Add a profile…', profile: '' },
      ];
      const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Connect Loch to…' });
      if (!pick) return;
      if (!pick.profile) return vscode.commands.executeCommand('loch.addProfile');
      try {
        if (pick.profile === LOCAL_PROFILE) await connections.connectLocal();
        else await connections.connectProfile(pick.profile);
        await vscode.workspace
          .getConfiguration('loch')
          .update('activeProfile', pick.profile, vscode.ConfigurationTarget.Global);
      } catch (e) {
        reportError(log, `Could not connect to "${pick.profile}"`, e);
      }
    }),
    vscode.commands.registerCommand('loch.disconnect', () => connections.disconnect()),
    vscode.commands.registerCommand('loch.addProfile', async () => {
      const name = await vscode.window.showInputBox({ prompt: 'Profile name' });
      if (!name) return;
      const trinoUrl = await vscode.window.showInputBox({
        prompt: 'Trino URL',
        value: 'http://127.0.0.1:8080',
      });
      if (!trinoUrl) return;
      const nessieUrl = await vscode.window.showInputBox({
        prompt: 'Nessie REST API v2 URL (empty: none)',
        value: 'http://127.0.0.1:19120/api/v2',
      });
      const user =
        (await vscode.window.showInputBox({ prompt: 'Trino user', value: 'loch' })) ?? 'loch';
      const auth =
        (await vscode.window.showQuickPick(['none', 'basic', 'jwt', 'oauth2'], {
          placeHolder: 'Authentication',
        })) ?? 'none';
      const config = vscode.workspace.getConfiguration('loch');
      const profiles = [
        ...(config.get<unknown[]>('profiles') ?? []),
        { name, trinoUrl, nessieUrl: nessieUrl || undefined, user, auth },
      ];
      await config.update('profiles', profiles, vscode.ConfigurationTarget.Global);
      if (auth === 'basic' || auth === 'jwt')
        await vscode.commands.executeCommand('loch.setSecret', name);
    }),
    vscode.commands.registerCommand('loch.setSecret', async (name?: string) => {
      const profile =
        name ??
        (await vscode.window.showQuickPick(
          connections.profiles().map((p) => p.name),
          { placeHolder: 'Profile' },
        ));
      if (!profile) return;
      const secret = await vscode.window.showInputBox({
        prompt: `Password or token for "${profile}" (kept in SecretStorage)`,
        password: true,
        ignoreFocusOut: true,
      });
      if (secret === undefined) return;
      if (secret === '') await context.secrets.delete(secretKey(profile));
      else await context.secrets.store(secretKey(profile), secret);
      log.info(`secret for "${profile}" ${secret === '' ? 'removed' : 'stored'} in SecretStorage`);
    }),
  ];
}
