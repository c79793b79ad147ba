// The JupyterLab host's composition root: the plugin list, wiring the core's objects by hand.
import {
  ILabShell,
  ILayoutRestorer,
  type JupyterFrontEnd,
  type JupyterFrontEndPlugin,
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { INotebookCellExecutor, INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { LabIcon } from '@jupyterlab/ui-components';
import { arrowRendererFactory } from './arrow-renderer';
import { cellExecutorPlugin, LochCellExecutor } from './cell-executor';
import { DEFAULT_SETTINGS, fetchServerDefaults, type LochSettings } from './endpoints';
import { LochSession } from './session';
import { LochSidebar } from './sidebar/sidebar';
import { tableDetailsWidget } from './sidebar/table-details';
import { CommandIds, SqlCells } from './sql-cells';
import { sqlConsole } from './sql-console';

const PLUGIN_ID = '@loch/jupyterlab:plugin';

const LOCH_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path class="jp-icon3" fill="#616161" d="M2 16c2 0 2-1.5 4-1.5S8 16 10 16s2-1.5 4-1.5 2 1.5 4 1.5 2-1.5 4-1.5V17c-2 0-2 1.5-4 1.5S16 17 14 17s-2 1.5-4 1.5S8 17 6 17s-2 1.5-4 1.5zM12 3l7 10H5z"/></svg>';
export const lochIcon = new LabIcon({ name: 'loch:icon', svgstr: LOCH_SVG });

function readSettings(s: ISettingRegistry.ISettings | undefined): LochSettings {
  const c = (s?.composite ?? {}) as Partial<LochSettings>;
  return { ...DEFAULT_SETTINGS, ...c };
}

const mainPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Loch: the lakehouse sidebar, Trino SQL cells, the SQL console and the Arrow MIME renderer',
  autoStart: true,
  requires: [INotebookTracker, IRenderMimeRegistry],
  optional: [
    ISettingRegistry,
    ILayoutRestorer,
    ILauncher,
    ICommandPalette,
    ILabShell,
    INotebookCellExecutor,
  ],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    rendermime: IRenderMimeRegistry,
    registry: ISettingRegistry | null,
    restorer: ILayoutRestorer | null,
    launcher: ILauncher | null,
    palette: ICommandPalette | null,
    _labShell: ILabShell | null,
    executor: INotebookCellExecutor | null,
  ) => {
    let settings: LochSettings = DEFAULT_SETTINGS;
    let sessionPromise: Promise<LochSession> | undefined;
    const settingsLoaded = registry
      ? registry.load(PLUGIN_ID).then(
          (s) => {
            settings = readSettings(s);
            s.changed.connect(() => {
              settings = readSettings(s);
              sessionPromise = undefined; // the next use connects with the new settings
              void sidebar.refresh();
            });
          },
          () => undefined,
        )
      : Promise.resolve();

    const session = (): Promise<LochSession> => {
      sessionPromise ??= (async () => {
        await settingsLoaded;
        const s = new LochSession(settings, await fetchServerDefaults());
        await s.init();
        s.refChanged.connect((_s, ref) => cells.setCurrentRef(ref));
        cells.setCurrentRef(s.currentRef);
        return s;
      })();
      const p = sessionPromise;
      p.catch(() => {
        if (sessionPromise === p) sessionPromise = undefined; // retry on next use
      });
      return p;
    };

    // Arrow outputs (SQL cell results, kernels' Arrow IPC) get the shared results viewer.
    const arrowFactory = arrowRendererFactory(session);
    rendermime.addFactory(arrowFactory, arrowFactory.defaultRank);

    const cells = new SqlCells({
      app,
      tracker,
      session,
      maxSavedResultBytes: () => settings.maxSavedResultBytes,
    });

    // Run buttons, Run All and friends reach SQL cells through the notebook's cell executor.
    if (executor instanceof LochCellExecutor) executor.sqlRunner = (cell) => cells.run(cell);

    const sidebar = new LochSidebar({
      session,
      openTableDetails: (ref, namespace, table) => {
        void session().then((s) => {
          const w = tableDetailsWidget(s, ref, namespace, table);
          app.shell.add(w, 'main');
          app.shell.activateById(w.id);
        });
      },
    });
    sidebar.title.icon = lochIcon;
    app.shell.add(sidebar, 'left', { rank: 850 });
    restorer?.add(sidebar, sidebar.id);
    void sidebar.refresh();

    app.commands.addCommand('loch:open-sql-console', {
      label: (args) => (args.isLauncher ? 'Trino SQL' : 'Loch: New SQL Console'),
      caption: 'Ad-hoc Trino SQL on the current Nessie ref',
      icon: (args) => (args.isPalette ? undefined : lochIcon),
      execute: () => {
        const w = sqlConsole(session);
        app.shell.add(w, 'main');
        app.shell.activateById(w.id);
      },
    });
    app.commands.addCommand('loch:show-sidebar', {
      label: 'Loch: Show Refs and Tables',
      execute: () => app.shell.activateById(sidebar.id),
    });
    app.commands.addCommand('loch:refresh-sidebar', {
      label: 'Loch: Refresh Refs and Tables',
      execute: () => sidebar.refresh(),
    });
    launcher?.add({
      command: 'loch:open-sql-console',
      args: { isLauncher: true },
      category: 'Other',
      rank: 1,
    });
    for (const command of [
      'loch:open-sql-console',
      'loch:show-sidebar',
      'loch:refresh-sidebar',
      CommandIds.toggle,
      CommandIds.run,
      CommandIds.cancel,
      CommandIds.setRef,
      CommandIds.copyPython,
      CommandIds.insertPython,
    ]) {
      palette?.addItem({ command, category: 'Loch' });
    }
    app.contextMenu.addItem({
      command: CommandIds.toggle,
      selector: '.jp-Notebook .jp-CodeCell',
      rank: 50,
    });
    app.contextMenu.addItem({
      command: CommandIds.setRef,
      selector: `.jp-Notebook .jp-CodeCell.loch-sql-cell`,
      rank: 51,
    });
    app.contextMenu.addItem({
      command: CommandIds.copyPython,
      selector: `.jp-Notebook .jp-CodeCell.loch-sql-cell`,
      rank: 51,
    });
  },
};

export default [cellExecutorPlugin, mainPlugin];
