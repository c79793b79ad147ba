// The JupyterLab host's composition root: one plugin provides the page's lakehouse session
// (ILochSession, the core's LakehouseSession over the Jupyter server's proxy); the sidebar, SQL
// cells, the console and the Arrow renderer are plugins that require it.
import {
  ILayoutRestorer,
  type JupyterFrontEnd,
  type JupyterFrontEndPlugin,
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { INotebookCellExecutor, INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { LabIcon } from '@jupyterlab/ui-components';
import type { ReadonlyPartialJSONValue } from '@lumino/coreutils';
import type { HistoryEntry } from '@loch/core';
import { arrowRendererFactory } from './arrow-renderer';
import { cellExecutorPlugin, LochCellExecutor } from './cell-executor';
import { DEFAULT_SETTINGS, fetchServerDefaults, type LochSettings } from './endpoints';
import { LochSessionProvider } from './session';
import { LochSidebar } from './sidebar/sidebar';
import { tableDetailsWidget } from './sidebar/table-details';
import { SqlCells } from './sql-cells';
import { sqlConsole } from './sql-console';
import { CommandIds, ILochSession } from './tokens';

export { CommandIds, ILochSession } from './tokens';

/** The session plugin keeps this id: the settings schema (schema/plugin.json) is keyed by it. */
const PLUGIN_ID = '@loch/jupyterlab:plugin';
const HISTORY_KEY = 'loch:history';

const LOCH_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path class="jp-icon3" fill="#616161" d="M2 16c2 0 2-1.5 4-1.5S8 16 10 16s2-1.5 4-1.5 2 1.5 4 1.5 2-1.5 4-1.5V17c-2 0-2 1.5-4 1.5S16 17 14 17s-2 1.5-4 1.5S8 17 6 17s-2 1.5-4 1.5zM12 3l7 10H5z"/></svg>';
export const lochIcon = new LabIcon({ name: 'loch:icon', svgstr: LOCH_SVG });

function readSettings(s: ISettingRegistry.ISettings | undefined): LochSettings {
  const c = (s?.composite ?? {}) as Partial<LochSettings>;
  return { ...DEFAULT_SETTINGS, ...c };
}

/** Entries as the state database gave them back (anything else: none). */
function storedHistory(value: ReadonlyPartialJSONValue | undefined): HistoryEntry[] {
  return Array.isArray(value) ? (value as unknown as HistoryEntry[]) : [];
}

export const sessionPlugin: JupyterFrontEndPlugin<ILochSession> = {
  id: PLUGIN_ID,
  description: 'Loch: the lakehouse session (Trino and Nessie through the Jupyter server)',
  autoStart: true,
  provides: ILochSession,
  optional: [ISettingRegistry, IStateDB],
  activate: (
    _app: JupyterFrontEnd,
    registry: ISettingRegistry | null,
    state: IStateDB | null,
  ): ILochSession => {
    let settings: LochSettings = DEFAULT_SETTINGS;
    const provider: LochSessionProvider = new LochSessionProvider({
      settingsLoaded: registry
        ? registry.load(PLUGIN_ID).then(
            (s) => {
              settings = readSettings(s);
              s.changed.connect(() => {
                settings = readSettings(s);
                provider.reset();
              });
            },
            () => undefined,
          )
        : Promise.resolve(),
      settings: () => settings,
      serverDefaults: () => fetchServerDefaults(),
      history: state
        ? {
            initial: state.fetch(HISTORY_KEY).then(storedHistory),
            save: (entries) =>
              void state
                .save(HISTORY_KEY, entries as unknown as ReadonlyPartialJSONValue)
                .catch(() => undefined),
          }
        : undefined,
    });
    return provider;
  },
};

export const sqlCellsPlugin: JupyterFrontEndPlugin<void> = {
  id: '@loch/jupyterlab:sql-cells',
  description: 'Loch: notebook cells that run as Trino SQL on a Nessie ref',
  autoStart: true,
  requires: [ILochSession, INotebookTracker],
  optional: [INotebookCellExecutor, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    session: ILochSession,
    tracker: INotebookTracker,
    executor: INotebookCellExecutor | null,
    palette: ICommandPalette | null,
  ) => {
    const cells = new SqlCells({ app, tracker, session });
    session.refChanged.connect((_s, ref) => cells.setCurrentRef(ref));
    // The badges show the current ref from the start (the session may be connected already).
    void session.session().then(
      (s) => cells.setCurrentRef(s.currentRef),
      () => undefined,
    );
    // Run buttons, Run All and friends reach SQL cells through the notebook's cell executor.
    if (executor instanceof LochCellExecutor) executor.sqlRunner = (cell) => cells.run(cell);
    for (const command of [
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
    for (const command of [CommandIds.setRef, CommandIds.copyPython]) {
      app.contextMenu.addItem({
        command,
        selector: '.jp-Notebook .jp-CodeCell.loch-sql-cell',
        rank: 51,
      });
    }
  },
};

export const sidebarPlugin: JupyterFrontEndPlugin<void> = {
  id: '@loch/jupyterlab:sidebar',
  description: 'Loch: the sidebar of Nessie refs, tables and commits',
  autoStart: true,
  requires: [ILochSession],
  optional: [ILayoutRestorer, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    session: ILochSession,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
  ) => {
    const sidebar = new LochSidebar({
      session,
      openTableDetails: (ref, namespace, table) => {
        void session.session().then((s) => {
          const w = tableDetailsWidget(s, ref, namespace, table);
          app.shell.add(w, 'main');
          app.shell.activateById(w.id);
        });
      },
    });
    sidebar.title.icon = lochIcon;
    app.shell.add(sidebar, 'left', { rank: 850 });
    restorer?.add(sidebar, sidebar.id);
    session.sessionChanged.connect(() => void sidebar.refresh());
    void sidebar.refresh();
    app.commands.addCommand(CommandIds.showSidebar, {
      label: 'Loch: Show Refs and Tables',
      execute: () => app.shell.activateById(sidebar.id),
    });
    app.commands.addCommand(CommandIds.refreshSidebar, {
      label: 'Loch: Refresh Refs and Tables',
      execute: () => sidebar.refresh(),
    });
    for (const command of [CommandIds.showSidebar, CommandIds.refreshSidebar]) {
      palette?.addItem({ command, category: 'Loch' });
    }
  },
};

export const consolePlugin: JupyterFrontEndPlugin<void> = {
  id: '@loch/jupyterlab:sql-console',
  description: 'Loch: the SQL console for ad-hoc Trino SQL on the current ref',
  autoStart: true,
  requires: [ILochSession],
  optional: [ILauncher, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    session: ILochSession,
    launcher: ILauncher | null,
    palette: ICommandPalette | null,
  ) => {
    app.commands.addCommand(CommandIds.openConsole, {
      label: (args) => (args.isLauncher ? 'Trino SQL' : 'Loch: New SQL Console'),
      caption: 'Ad-hoc Trino SQL on the current Nessie ref',
      icon: (args) => (args.isPalette ? undefined : lochIcon),
      execute: () => {
        const w = sqlConsole(session);
        app.shell.add(w, 'main');
        app.shell.activateById(w.id);
      },
    });
    launcher?.add({
      command: CommandIds.openConsole,
      args: { isLauncher: true },
      category: 'Other',
      rank: 1,
    });
    palette?.addItem({ command: CommandIds.openConsole, category: 'Loch' });
  },
};

export const arrowRendererPlugin: JupyterFrontEndPlugin<void> = {
  id: '@loch/jupyterlab:arrow-renderer',
  description: 'Loch: the results viewer for Arrow outputs (SQL cell results, kernels)',
  autoStart: true,
  requires: [ILochSession, IRenderMimeRegistry],
  activate: (_app: JupyterFrontEnd, session: ILochSession, rendermime: IRenderMimeRegistry) => {
    const factory = arrowRendererFactory(
      () => session.session(),
      () => session.settings.maxRows,
    );
    rendermime.addFactory(factory, factory.defaultRank);
  },
};

export default [
  cellExecutorPlugin,
  sessionPlugin,
  sqlCellsPlugin,
  sidebarPlugin,
  consolePlugin,
  arrowRendererPlugin,
];
