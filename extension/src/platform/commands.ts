import * as vscode from 'vscode';
import { resourcesEnv } from '../resources';
import { forwarderScript, kindEnv, loadKind } from './kind';
import { localDown, localStatus, localUp, resourceRoot, seed } from '@loch/core/node';
import { TrinoClient } from '@loch/core';
import type { ConnectionManager } from '../connections/manager';
import type { Logger } from '../log';
import { reportError } from '../log';

/**
 * The local platform as named long operations (`platform:up`, ...) with progress, a cancel
 * and their output in the Loch log. The packaged extension carries platform-manifests/ and
 * samples/ in resources/; from a checkout the core finds them itself.
 */
export class PlatformCommands {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly connections: ConnectionManager,
    private readonly log: Logger,
  ) {}

  private env(): NodeJS.ProcessEnv {
    return resourcesEnv(this.context.extensionPath);
  }

  private task<T>(
    title: string,
    run: (signal: AbortSignal, report: (m: string) => void) => Promise<T>,
  ): Thenable<T> {
    return vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Loch: ${title}`,
        cancellable: true,
      },
      async (progress, token) => {
        const ac = new AbortController();
        const sub = token.onCancellationRequested(() => ac.abort());
        const report = (m: string) => {
          this.log.info(m);
          progress.report({ message: m });
        };
        try {
          return await run(ac.signal, report);
        } finally {
          sub.dispose();
        }
      },
    );
  }

  async up(options: { seed?: boolean } = {}): Promise<void> {
    try {
      await this.task('starting the local platform', async (signal, report) => {
        const r = await localUp({ env: this.env(), log: report, signal });
        report(
          r.alreadyRunning
            ? 'the local platform was already running'
            : 'the local platform is running',
        );
        if (options.seed) await this.seedWith(r.endpoints.trino, report);
      });
      await this.connections.connectLocal();
      void vscode.window.showInformationMessage(
        'Loch: the local platform is running and connected.',
      );
    } catch (e) {
      reportError(this.log, 'Starting the local platform failed', e, { showLog: true });
    }
  }

  private async seedWith(trinoUrl: string, report: (m: string) => void): Promise<void> {
    await seed(new TrinoClient({ url: trinoUrl, user: 'loch' }), resourceRoot(this.env()), report);
  }

  async seed(): Promise<void> {
    try {
      const conn = this.connections.connection;
      const status = await localStatus({ env: this.env() });
      const url = conn?.profile.trinoUrl ?? status.services.trino.url;
      if (!url) throw new Error('no local platform is running: run "Loch: Start Local Platform"');
      await this.task('loading sample data', (_signal, report) => this.seedWith(url, report));
      void vscode.window.showInformationMessage('Loch: sample data loaded into lake.demo.');
    } catch (e) {
      reportError(this.log, 'Loading sample data failed', e, { showLog: true });
    }
  }

  async down(): Promise<void> {
    const ok = await vscode.window.showWarningMessage(
      'Stop the local Trino and Nessie? Their data stays on disk.',
      { modal: true },
      'Stop',
    );
    if (ok !== 'Stop') return;
    try {
      await this.task('stopping the local platform', async (_signal, report) => {
        const stopped = await localDown({ env: this.env(), log: report });
        report(stopped ? 'stopped' : 'nothing was running');
      });
      if (this.connections.connection?.profile.name === 'local')
        await this.connections.disconnect();
    } catch (e) {
      reportError(this.log, 'Stopping the local platform failed', e, { showLog: true });
    }
  }

  async kindUp(): Promise<void> {
    try {
      const kind = loadKind();
      const r = await this.task('starting the kind platform (Kubernetes)', (signal, report) =>
        kind.kindUp({
          env: kindEnv(this.env()),
          log: report,
          progress: (p) => report(`${p.name} ${p.detail}`),
          signal,
          seed: true,
          forwarderScript: forwarderScript(),
        }),
      );
      await this.connections.connectEndpoints('kind', r.endpoints);
      void vscode.window.showInformationMessage(
        `Loch: the kind platform is running (Trino ${r.endpoints.trino}).`,
      );
    } catch (e) {
      reportError(this.log, 'Starting the kind platform failed', e, { showLog: true });
    }
  }

  async kindDown(): Promise<void> {
    const ok = await vscode.window.showWarningMessage(
      'Stop the kind platform?',
      { modal: true },
      'Stop',
    );
    if (ok !== 'Stop') return;
    try {
      const kind = loadKind();
      await this.task('stopping the kind platform', (_signal, report) =>
        kind.kindDown({ env: kindEnv(this.env()), log: report }),
      );
      if (this.connections.connection?.profile.name === 'kind') await this.connections.disconnect();
    } catch (e) {
      reportError(this.log, 'Stopping the kind platform failed', e, { showLog: true });
    }
  }

  async status(): Promise<void> {
    try {
      const s = await localStatus({ env: this.env() });
      const kind = await loadKind()
        .kindStatus({ env: kindEnv(this.env()) })
        .catch(() => undefined);
      if (kind?.up) {
        this.log.info(
          `kind platform: ${Object.entries(kind.services)
            .map(([n, v]) => `${n} ${v.state}${v.url ? ` ${v.url}` : ''}`)
            .join(', ')}`,
        );
      }
      const lines = Object.entries(s.services).map(
        ([name, svc]) => `${name}: ${svc.state}${svc.url ? ` ${svc.url}` : ''}`,
      );
      this.log.info(`platform status (${s.stateDir}): ${lines.join(', ')}`);
      void vscode.window.showInformationMessage(`Loch platform — ${lines.join(' · ')}`);
    } catch (e) {
      reportError(this.log, 'Reading the platform status failed', e, { showLog: true });
    }
  }
}
