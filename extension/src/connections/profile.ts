// Connection profiles as the settings hold them, and how a profile plus its secret becomes the
// core's Trino and Nessie connections. No `vscode` here: unit-tested under plain Node.
import { type NessieConnection, TrinoClient, type TrinoAuth } from '@loch/core';

export type AuthKind = 'none' | 'basic' | 'jwt' | 'oauth2';

export interface ConnectionProfile {
  name: string;
  trinoUrl: string;
  user: string;
  /** The Iceberg catalog that reads Nessie's default branch. */
  catalog: string;
  schema?: string;
  nessieUrl?: string;
  auth: AuthKind;
  tls?: { rejectUnauthorized?: boolean; caFile?: string };
  /** The lake catalog's Trino properties, copied for each ref's catalog (CREATE CATALOG). */
  lakeCatalogProperties?: Record<string, string>;
}

/** The name the local platform's synthetic profile goes by (settings: `loch.activeProfile`). */
export const LOCAL_PROFILE = 'local';

export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}

const AUTH_KINDS: readonly AuthKind[] = ['none', 'basic', 'jwt', 'oauth2'];

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function stringRecord(v: unknown): Record<string, string> | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) as Record<
    string,
    string
  >;
}

function httpUrl(v: string | undefined, what: string, profile: string): string | undefined {
  if (v === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ProfileError(`profile "${profile}": ${what} "${v}" is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new ProfileError(`profile "${profile}": ${what} must be http(s), not ${u.protocol}`);
  }
  return v.replace(/\/+$/, '');
}

/**
 * Reads `loch.profiles`. Bad entries do not hide good ones: each problem is reported by name
 * so the settings can be fixed, and the rest stay usable.
 */
export function parseProfiles(raw: unknown): { profiles: ConnectionProfile[]; problems: string[] } {
  const profiles: ConnectionProfile[] = [];
  const problems: string[] = [];
  if (!Array.isArray(raw)) return { profiles, problems: raw == null ? [] : ['not a list'] };
  raw.forEach((item, i) => {
    try {
      if (typeof item !== 'object' || item === null)
        throw new ProfileError(`entry ${i + 1} is not an object`);
      const o = item as Record<string, unknown>;
      const name = str(o.name);
      if (!name) throw new ProfileError(`entry ${i + 1} has no name`);
      if (name === LOCAL_PROFILE)
        throw new ProfileError(`"${LOCAL_PROFILE}" is reserved for the local platform`);
      if (profiles.some((p) => p.name === name))
        throw new ProfileError(`profile "${name}" is defined twice`);
      const trinoUrl = httpUrl(str(o.trinoUrl), 'trinoUrl', name);
      if (!trinoUrl) throw new ProfileError(`profile "${name}" has no trinoUrl`);
      const auth = (str(o.auth) ?? 'none') as AuthKind;
      if (!AUTH_KINDS.includes(auth))
        throw new ProfileError(`profile "${name}": unknown auth "${auth}"`);
      const tls =
        typeof o.tls === 'object' && o.tls !== null
          ? (o.tls as Record<string, unknown>)
          : undefined;
      profiles.push({
        name,
        trinoUrl,
        user: str(o.user) ?? 'loch',
        catalog: str(o.catalog) ?? 'lake',
        schema: str(o.schema),
        nessieUrl: httpUrl(str(o.nessieUrl), 'nessieUrl', name),
        auth,
        tls: tls
          ? {
              rejectUnauthorized: tls.rejectUnauthorized !== false,
              caFile: str(tls.caFile),
            }
          : undefined,
        lakeCatalogProperties: stringRecord(o.lakeCatalogProperties),
      });
    } catch (e) {
      problems.push((e as Error).message);
    }
  });
  return { profiles, problems };
}

/** The profile of a running local platform (the record `loch up` writes). */
export function localProfile(endpoints: { trino: string; nessie: string }): ConnectionProfile {
  return {
    name: LOCAL_PROFILE,
    trinoUrl: endpoints.trino,
    user: 'loch',
    catalog: 'lake',
    nessieUrl: `${endpoints.nessie.replace(/\/+$/, '')}/api/v2`,
    auth: 'none',
  };
}

/** The SecretStorage key of a profile's password or token; secrets never live in settings. */
export function secretKey(profile: string): string {
  return `loch.secret.${profile}`;
}

/** The core's `TrinoAuth` for a profile and its secret (basic password, bearer/OAuth2 token). */
export function trinoAuth(
  profile: ConnectionProfile,
  secret: string | undefined,
  openUrl: (url: string) => void | Promise<void>,
): TrinoAuth {
  switch (profile.auth) {
    case 'none':
      return { type: 'none' };
    case 'basic':
      if (secret === undefined)
        throw new ProfileError(`profile "${profile.name}" needs a password`);
      return { type: 'basic', user: profile.user, password: secret };
    case 'jwt':
      if (secret === undefined) throw new ProfileError(`profile "${profile.name}" needs a token`);
      return { type: 'bearer', token: secret };
    case 'oauth2':
      // A stored token is used as is; without one, Trino's external authentication opens the
      // user's browser (the host's openExternal) and the client polls for the token.
      return secret !== undefined ? { type: 'bearer', token: secret } : { type: 'oauth2', openUrl };
  }
}

export interface ProfileConnections {
  /** The connection's one Trino client: metadata statements and streamed queries alike. */
  client: TrinoClient;
  nessie?: NessieConnection;
}

export function connectionsOf(
  profile: ConnectionProfile,
  secret: string | undefined,
  host: { openUrl: (url: string) => void | Promise<void>; tlsFetch?: typeof fetch } = {
    openUrl: () => undefined,
  },
): ProfileConnections {
  const auth = trinoAuth(profile, secret, host.openUrl);
  const client = new TrinoClient({
    url: profile.trinoUrl,
    user: profile.user,
    auth,
    fetch: host.tlsFetch,
  });
  const nessie: NessieConnection | undefined = profile.nessieUrl
    ? {
        url: profile.nessieUrl,
        token: profile.auth === 'jwt' || profile.auth === 'oauth2' ? secret : undefined,
        fetch: host.tlsFetch,
      }
    : undefined;
  return { client, nessie };
}
