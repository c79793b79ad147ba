// Connection profiles as the settings hold them, and how a profile plus its secret becomes the
// core's Trino and Nessie connections. No `vscode` here: unit-tested under plain Node.
import type { NessieConnection } from '@loch/core/nessie/client';
import type { TrinoConnection } from '@loch/core/trino/client';

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
  oauth2AuthorizeUrl?: string;
  tls?: { rejectUnauthorized?: boolean; caFile?: string };
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
        oauth2AuthorizeUrl: str(o.oauth2AuthorizeUrl),
        tls: tls
          ? {
              rejectUnauthorized: tls.rejectUnauthorized !== false,
              caFile: str(tls.caFile),
            }
          : undefined,
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

/** The `Authorization` header value for a profile and its secret, or undefined for none. */
export function authorization(
  profile: ConnectionProfile,
  secret: string | undefined,
): string | undefined {
  switch (profile.auth) {
    case 'none':
      return undefined;
    case 'basic':
      if (secret === undefined)
        throw new ProfileError(`profile "${profile.name}" needs a password`);
      return `Basic ${Buffer.from(`${profile.user}:${secret}`).toString('base64')}`;
    case 'jwt':
    case 'oauth2':
      if (secret === undefined) throw new ProfileError(`profile "${profile.name}" needs a token`);
      return `Bearer ${secret}`;
  }
}

/** A fetch that adds the profile's credentials; the core takes `fetch` by injection. */
export function authenticatedFetch(
  header: string | undefined,
  base: typeof fetch = fetch,
): typeof fetch {
  if (!header) return base;
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', header);
    return base(input, { ...init, headers });
  };
}

export interface ProfileConnections {
  trino: TrinoConnection;
  nessie?: NessieConnection;
}

export function connectionsOf(
  profile: ConnectionProfile,
  secret: string | undefined,
): ProfileConnections {
  const header = authorization(profile, secret);
  const trino: TrinoConnection = {
    url: profile.trinoUrl,
    user: profile.user,
    catalog: profile.catalog,
    schema: profile.schema,
    fetch: authenticatedFetch(header),
  };
  const nessie: NessieConnection | undefined = profile.nessieUrl
    ? {
        url: profile.nessieUrl,
        token: profile.auth === 'jwt' || profile.auth === 'oauth2' ? secret : undefined,
      }
    : undefined;
  return { trino, nessie };
}
