import * as vscode from 'vscode';
import { readRecord, endpointsOf, lakeCatalogOf, stateDir } from '@loch/core/node';
import {
  NessieClient,
  type NessieConnection,
  LakehouseSession,
  type SessionQueryOptions,
  type QueryHistory,
} from '@loch/core';
import type { HistoryStore } from '../sql/history';
import { answersWithin } from './probe';
import { tlsFetch } from './tls';
import { readFileSync } from 'node:fs';
import type { Logger } from '../log';
import { messageOf } from '../log';
import {
  LOCAL_PROFILE,
  connectionsOf,
  localProfile,
  parseProfiles,
  secretKey,
  type ConnectionProfile,
  type ProfileConnections,
} from './profile';

/**
 * A live connection: the profile, the core's connections, Nessie's default branch and the
 * core's `LakehouseSession` every query of this connection runs through.
 */
export interface Connection extends ProfileConnections {
  profile: ConnectionProfile;
  defaultBranch: string;
  /** The lake catalog's properties, which a ref's catalog copies (known for the local platform). */
  lakeCatalogProperties?: Record<string, string>;
  /** Routing, pins, caps and history; its current ref is the connection's. */
  session: LakehouseSession;
}

/** Which Trino catalog a statement runs in: a ref's (through the session's routing) or, for a
 * profile without Nessie, the profile's catalog (no ref to resolve, nothing to pin). */
export type QueryRoute = Pick<SessionQueryOptions, 'ref' | 'catalog'>;

export function routeOf(conn: Connection, ref?: string): QueryRoute {
  return conn.nessie ? { ref: ref ?? conn.session.currentRef } : { catalog: conn.profile.catalog };
}

/** The Trino catalog that reads `ref` on a connection (created on first use). */
export type CatalogForRef = (
  conn: Connection,
  ref: string,
  signal?: AbortSignal,
) => Promise<string>;

export const catalogForRef: CatalogForRef = (conn, ref, signal) =>
  conn.nessie ? conn.session.catalogFor(ref, signal) : Promise.resolve(conn.profile.catalog);

/** A profile without a Nessie URL: anything that needs Nessie fails with this one line. */
function noNessie(profile: string): NessieConnection {
  return {
    url: 'http://nessie.invalid/api/v2',
    fetch: () => Promise.reject(new Error(`the connection profile "${profile}" has no nessieUrl`)),
  };
}

export class NotConnectedError extends Error {
  override readonly name = 'NotConnectedError';
  constructor() {
    super('Loch is not connected: run "Loch: Connect to Local Platform" or "Loch: Connect…"');
  }
}

/**
 * Owns the current connection and the current Nessie ref, and shows both in the status bar.
 * Secrets are read from SecretStorage at connect time and never logged or written to settings.
 */
export class ConnectionManager implements vscode.Disposable {
  private current: Connection | undefined;
  private refSub: { dispose(): void } | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly connectionItem: vscode.StatusBarItem;
  private readonly refItem: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Logger,
    private readonly history: HistoryStore,
  ) {
    this.connectionItem = vscode.window.createStatusBarItem(
      'loch.connection',
      vscode.StatusBarAlignment.Left,
      50,
    );
    this.connectionItem.name = 'Loch connection';
    this.refItem = vscode.window.createStatusBarItem(
      'loch.ref',
      vscode.StatusBarAlignment.Left,
      49,
    );
    this.refItem.name = 'Loch branch';
    this.refItem.command = 'loch.switchRef';
    this.disposables.push(this.connectionItem, this.refItem, this.changed);
    this.render();
  }

  get connection(): Connection | undefined {
    return this.current;
  }

  require(): Connection {
    if (!this.current) throw new NotConnectedError();
    return this.current;
  }

  /** The history the view lists: the session's, else (not connected) the stored entries. */
  get queryHistory(): QueryHistory {
    return this.current?.session.history ?? this.history.detached();
  }

  /** The ref queries run on: the session's current ref. */
  get currentRef(): string | undefined {
    return this.current?.session.currentRef;
  }

  /** Makes `ref` the session's current ref; listeners hear of it even when it is unchanged. */
  setRef(ref: string): void {
    const session = this.require().session;
    if (ref === session.currentRef) this.refChanged(ref);
    // Else the session's own event reaches `refChanged`.
    else session.setCurrentRef(ref);
  }

  private refChanged(ref: string): void {
    void this.context.workspaceState.update('loch.ref', ref);
    this.log.info(`current ref: ${ref}`);
    this.render();
    this.changed.fire();
  }

  profiles(): ConnectionProfile[] {
    const { profiles, problems } = parseProfiles(
      vscode.workspace.getConfiguration('loch').get('profiles'),
    );
    for (const p of problems) this.log.warn(`loch.profiles: ${p}`);
    return profiles;
  }

  /** Connects on start to `loch.activeProfile` when set; failures only log. */
  async restore(): Promise<void> {
    const name = vscode.workspace.getConfiguration('loch').get<string>('activeProfile');
    if (!name) return;
    try {
      if (name === LOCAL_PROFILE) await this.connectLocal({ quiet: true });
      else await this.connectProfile(name);
    } catch (e) {
      this.log.warn(`could not reconnect to "${name}": ${messageOf(e)}`);
    }
  }

  async connectProfile(name: string): Promise<Connection> {
    const profile = this.profiles().find((p) => p.name === name);
    if (!profile) throw new Error(`no connection profile named "${name}" in loch.profiles`);
    // Passwords and tokens live only in SecretStorage (never settings, never the log).
    const secret =
      profile.auth === 'none' ? undefined : await this.context.secrets.get(secretKey(profile.name));
    return this.open(profile, secret);
  }

  /** Connects to the platform `loch up` recorded in the state folder (LOCH_STATE_DIR honoured). */
  async connectLocal(options: { quiet?: boolean } = {}): Promise<Connection> {
    const state = stateDir(process.env);
    const record = readRecord(state);
    if (!record) {
      throw new Error(
        `no local platform is running (nothing in ${state}): run "Loch: Start Local Platform"`,
      );
    }
    // The record always carries the lake catalog (its schema is versioned: readRecord checks).
    const lake = lakeCatalogOf(record);
    const conn = await this.open(localProfile(endpointsOf(record)), undefined, lake);
    if (!options.quiet)
      this.log.info(`connected to the local platform at ${conn.profile.trinoUrl}`);
    return conn;
  }

  /** Connects to a platform Loch brought up elsewhere (the kind platform's forwarded ports). */
  connectEndpoints(
    name: string,
    endpoints: { trino: string; nessie: string },
  ): Promise<Connection> {
    return this.open({ ...localProfile(endpoints), name }, undefined);
  }

  private async open(
    profile: ConnectionProfile,
    secret: string | undefined,
    lakeCatalogProperties = profile.lakeCatalogProperties,
  ): Promise<Connection> {
    const conns = connectionsOf(profile, secret, {
      openUrl: async (url) => {
        this.log.info(`opening the browser to log in to ${profile.name}`);
        await vscode.env.openExternal(vscode.Uri.parse(url));
      },
      tlsFetch: profile.tls
        ? tlsFetch({
            ca: profile.tls.caFile ? readFileSync(profile.tls.caFile, 'utf8') : undefined,
            verify: profile.tls.rejectUnauthorized !== false,
          })
        : undefined,
    });
    this.connectionItem.text = `$(sync~spin) Loch: ${profile.name}`;
    this.connectionItem.show();
    try {
      const { client, nessie } = conns;
      await answersWithin('Trino', client.options.url, 15_000, (signal) =>
        client.statement('SELECT 1', { signal }),
      );
      const defaultBranch = nessie
        ? (
            await answersWithin('Nessie', nessie.url, 10_000, (signal) =>
              new NessieClient(nessie).config(signal),
            )
          ).defaultBranch
        : 'main';
      const remembered = this.context.workspaceState.get<string>('loch.ref');
      const session = new LakehouseSession({
        trino: conns.client,
        nessie: new NessieClient(nessie ?? noNessie(profile.name)),
        lakeCatalog: profile.catalog,
        lakeCatalogProperties,
        defaultRef: remembered && this.lastProfile() === profile.name ? remembered : defaultBranch,
        history: this.history.sessionOptions(),
      });
      this.refSub?.dispose();
      this.refSub = session.onDidChangeRef((ref) => this.refChanged(ref));
      this.current = { ...conns, profile, defaultBranch, lakeCatalogProperties, session };
      void this.context.workspaceState.update('loch.profile', profile.name);
      await vscode.commands.executeCommand('setContext', 'loch.connected', true);
      this.log.info(
        `connected to "${profile.name}" (Trino ${profile.trinoUrl}, Nessie ${profile.nessieUrl ?? 'none'})`,
      );
      return this.current;
    } catch (e) {
      this.current = undefined;
      this.log.error(`connecting to "${profile.name}" failed: ${messageOf(e)}`);
      throw e;
    } finally {
      this.render();
      this.changed.fire();
    }
  }

  private lastProfile(): string | undefined {
    return this.context.workspaceState.get<string>('loch.profile');
  }

  async disconnect(): Promise<void> {
    this.current = undefined;
    this.refSub?.dispose();
    this.refSub = undefined;
    await vscode.commands.executeCommand('setContext', 'loch.connected', false);
    this.render();
    this.changed.fire();
  }

  private render(): void {
    const c = this.current;
    if (!c) {
      this.connectionItem.text = '$(debug-disconnect) Loch';
      this.connectionItem.tooltip = 'Loch is not connected: click to connect';
      this.connectionItem.command = 'loch.connect';
      this.connectionItem.show();
      this.refItem.hide();
      return;
    }
    this.connectionItem.text = `$(database) Loch: ${c.profile.name}`;
    this.connectionItem.tooltip = `Trino ${c.profile.trinoUrl} as ${c.profile.user}${c.profile.nessieUrl ? `\nNessie ${c.profile.nessieUrl}` : ''}`;
    this.connectionItem.command = 'loch.connect';
    this.refItem.text = `$(git-branch) ${this.currentRef}`;
    this.refItem.tooltip = 'Loch: the Nessie branch or tag queries run on (click to switch)';
    this.refItem.show();
  }

  dispose(): void {
    this.refSub?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
