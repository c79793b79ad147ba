// Per-query session state. A `TrinoSession` is an immutable value: each query sends the one it
// was given as request headers, and the `X-Trino-Set-*`/`Clear-*`/`Added-Prepare` headers of
// its responses produce a new value for whoever runs the next statement. Concurrent queries
// therefore never share mutable state.

export interface TrinoSession {
  catalog?: string;
  schema?: string;
  path?: string;
  /** Session properties, `query_max_run_time` or `lake.some_property`. */
  properties?: Readonly<Record<string, string>>;
  /** Prepared statements by name, as `PREPARE` registered them. */
  preparedStatements?: Readonly<Record<string, string>>;
  /** The open transaction, or none (auto-commit). */
  transactionId?: string;
  /** Roles by catalog (`system` for the system role), as `SET ROLE` returns them. */
  roles?: Readonly<Record<string, string>>;
  timeZone?: string;
  clientTags?: readonly string[];
  authorizationUser?: string;
  source?: string;
}

/**
 * What this client understands: `PARAMETRIC_DATETIME` makes Trino send timestamps and times at
 * their full precision instead of rounding them to milliseconds.
 */
export const CLIENT_CAPABILITIES = 'PATH,PARAMETRIC_DATETIME,SESSION_AUTHORIZATION';

const enc = encodeURIComponent;

/** Request headers carrying a session (user and auth are added by the client). */
export function sessionHeaders(s: TrinoSession): Record<string, string> {
  const h: Record<string, string> = {
    'X-Trino-Client-Capabilities': CLIENT_CAPABILITIES,
    'X-Trino-Source': s.source ?? 'loch',
  };
  if (s.catalog) h['X-Trino-Catalog'] = s.catalog;
  if (s.schema) h['X-Trino-Schema'] = s.schema;
  if (s.path) h['X-Trino-Path'] = s.path;
  if (s.timeZone) h['X-Trino-Time-Zone'] = s.timeZone;
  if (s.authorizationUser) h['X-Trino-Authorization-User'] = s.authorizationUser;
  if (s.clientTags?.length) h['X-Trino-Client-Tags'] = s.clientTags.join(',');
  h['X-Trino-Transaction-Id'] = s.transactionId ?? 'NONE';
  const props = Object.entries(s.properties ?? {});
  if (props.length) h['X-Trino-Session'] = props.map(([k, v]) => `${k}=${enc(v)}`).join(',');
  const prepared = Object.entries(s.preparedStatements ?? {});
  if (prepared.length) {
    h['X-Trino-Prepared-Statement'] = prepared.map(([k, v]) => `${enc(k)}=${enc(v)}`).join(',');
  }
  const roles = Object.entries(s.roles ?? {});
  if (roles.length) h['X-Trino-Role'] = roles.map(([k, v]) => `${k}=${enc(v)}`).join(',');
  return h;
}

/** Trino encodes header values the Java way (URLEncoder): `+` for a space, `%XX` for the rest. */
const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));

/** `a=1, b=2` header values (Trino repeats a header or joins it with commas). */
function pairs(value: string | null): [string, string][] {
  if (!value) return [];
  return value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const eq = p.indexOf('=');
      return [dec(p.slice(0, eq)), dec(p.slice(eq + 1))];
    });
}

function names(value: string | null): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((p) => dec(p.trim()))
    .filter(Boolean);
}

/** The session after a response: `s` with the response's session headers applied. */
export function applySessionHeaders(s: TrinoSession, headers: Headers): TrinoSession {
  let next: TrinoSession = s;
  const set = (patch: Partial<TrinoSession>) => (next = { ...next, ...patch });
  const catalog = headers.get('x-trino-set-catalog');
  if (catalog !== null) set({ catalog });
  const schema = headers.get('x-trino-set-schema');
  if (schema !== null) set({ schema });
  const path = headers.get('x-trino-set-path');
  if (path !== null) set({ path });
  const authUser = headers.get('x-trino-set-authorization-user');
  if (authUser !== null) set({ authorizationUser: authUser });
  if (headers.get('x-trino-reset-authorization-user') !== null)
    set({ authorizationUser: undefined });

  const setProps = pairs(headers.get('x-trino-set-session'));
  const clearProps = names(headers.get('x-trino-clear-session'));
  if (setProps.length || clearProps.length) {
    const properties = { ...next.properties };
    for (const [k, v] of setProps) properties[k] = v;
    for (const k of clearProps) delete properties[k];
    set({ properties });
  }
  const added = pairs(headers.get('x-trino-added-prepare'));
  const deallocated = names(headers.get('x-trino-deallocated-prepare'));
  if (added.length || deallocated.length) {
    const preparedStatements = { ...next.preparedStatements };
    for (const [k, v] of added) preparedStatements[k] = v;
    for (const k of deallocated) delete preparedStatements[k];
    set({ preparedStatements });
  }
  const roles = pairs(headers.get('x-trino-set-role'));
  if (roles.length) set({ roles: { ...next.roles, ...Object.fromEntries(roles) } });
  const started = headers.get('x-trino-started-transaction-id');
  if (started !== null) set({ transactionId: started });
  if (headers.get('x-trino-clear-transaction-id') !== null) set({ transactionId: undefined });
  return next;
}
