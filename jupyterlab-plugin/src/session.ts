// The JupyterLab side of the core's LakehouseSession: built over the Jupyter server's proxied
// fetch from the user's settings and the server's defaults, rebuilt when the settings change,
// its events re-emitted as Lumino signals and its history kept across sessions (and, through
// the host's store, across page loads). Queries, caps, pins and routing are the core's.
import { Signal, type ISignal } from '@lumino/signaling';
import {
  type HistoryEntry,
  LakehouseSession,
  type CommitEvent,
  NessieClient,
  TrinoClient,
} from '@loch/core';
import { proxiedFetch, type LochSettings, type ServerDefaults } from './endpoints';
import type { ILochSession } from './tokens';

/** The session type views receive (the core's; the host adds nothing to it). */
export type LochSession = LakehouseSession;

/** The static catalog of the default branch, as `loch up` configures it. */
export const LAKE_CATALOG = 'lake';

/** History entries kept per page (and persisted). */
export const HISTORY_ENTRIES = 200;

/** A core session whose Trino and Nessie requests go through the Jupyter server's proxy. */
export function proxiedSession(
  settings: LochSettings,
  defaults: ServerDefaults,
  history: { initial: HistoryEntry[]; save(entries: HistoryEntry[]): void },
): LakehouseSession {
  const trinoUrl = settings.trinoUrl || defaults.trinoUrl;
  const nessieUrl = settings.nessieUrl || defaults.nessieUrl;
  return new LakehouseSession({
    trino: new TrinoClient({
      url: trinoUrl,
      user: settings.trinoUser,
      fetch: proxiedFetch('trino', trinoUrl, { target: settings.trinoUrl || undefined }),
    }),
    nessie: new NessieClient({
      url: nessieUrl,
      fetch: proxiedFetch('nessie', nessieUrl, { target: settings.nessieUrl || undefined }),
    }),
    lakeCatalog: LAKE_CATALOG,
    lakeCatalogProperties: defaults.lakeCatalog,
    defaultRef: settings.defaultRef || undefined,
    history: { maxEntries: HISTORY_ENTRIES, ...history },
  });
}

export interface LochSessionProviderOptions {
  /** Resolves once the user's settings were read (their first value). */
  settingsLoaded: Promise<void>;
  settings(): LochSettings;
  serverDefaults(): Promise<ServerDefaults>;
  /** Builds the core session; `proxiedSession` unless a test gives another. */
  connect?: typeof proxiedSession;
  /** History from the host's store, and where changes go. */
  history?: { initial: Promise<HistoryEntry[]>; save(entries: HistoryEntry[]): void };
}

export class LochSessionProvider implements ILochSession {
  private current: Promise<LakehouseSession> | undefined;
  /** Bumped by `reset`: a session of an older generation no longer speaks for the page. */
  private generation = 0;
  private listeners: { dispose(): void }[] = [];
  private entries: HistoryEntry[] | undefined;
  private readonly sessionChangedSignal: Signal<ILochSession, void> = new Signal(this);
  private readonly refChangedSignal: Signal<ILochSession, string> = new Signal(this);
  private readonly committedSignal: Signal<ILochSession, CommitEvent> = new Signal(this);
  private readonly historyChangedSignal: Signal<ILochSession, readonly HistoryEntry[]> = new Signal(
    this,
  );

  constructor(private readonly options: LochSessionProviderOptions) {}

  get settings(): LochSettings {
    return this.options.settings();
  }
  get sessionChanged(): ISignal<ILochSession, void> {
    return this.sessionChangedSignal;
  }
  get refChanged(): ISignal<ILochSession, string> {
    return this.refChangedSignal;
  }
  get committed(): ISignal<ILochSession, CommitEvent> {
    return this.committedSignal;
  }
  get historyChanged(): ISignal<ILochSession, readonly HistoryEntry[]> {
    return this.historyChangedSignal;
  }

  session(): Promise<LakehouseSession> {
    this.current ??= this.connect();
    const p = this.current;
    p.catch(() => {
      if (this.current === p) this.current = undefined; // retried on the next use
    });
    return p;
  }

  /** The settings changed: drop the session; the next `session()` connects with the new ones. */
  reset(): void {
    for (const l of this.listeners) l.dispose();
    this.listeners = [];
    this.current = undefined;
    this.generation++;
    this.sessionChangedSignal.emit();
  }

  private async connect(): Promise<LakehouseSession> {
    const generation = this.generation;
    const mine = () => generation === this.generation;
    await this.options.settingsLoaded;
    const settings = this.options.settings();
    const [defaults, initial] = await Promise.all([
      this.options.serverDefaults(),
      this.entries ?? this.options.history?.initial.catch(() => []) ?? [],
    ]);
    const s = (this.options.connect ?? proxiedSession)(settings, defaults, {
      initial,
      save: (entries) => {
        if (!mine()) return;
        this.entries = entries;
        this.options.history?.save(entries);
      },
    });
    await s.init();
    if (!mine()) return s; // the settings changed meanwhile: only this caller gets it
    this.listeners = [
      s.onDidChangeRef((ref) => this.refChangedSignal.emit(ref)),
      s.onDidCommit((event) => this.committedSignal.emit(event)),
      s.history.onDidChange((entries) => this.historyChangedSignal.emit(entries)),
    ];
    this.refChangedSignal.emit(s.currentRef);
    return s;
  }
}
