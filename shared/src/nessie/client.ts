/**
 * Nessie REST API v2 client (`.../api/v2`): references, commit log, entries, contents, diff,
 * merge and transplant. Browser-safe: all I/O goes through the injected `fetch`.
 *
 * Every method validates ref names and hashes first (`InvalidRefNameError`, nothing sent).
 * Errors Nessie reports throw `NessieApiError`, `NessieNotFoundError` (unknown ref or key) or
 * `NessieConflictError` (a key changed on both sides, or a ref not at the expected hash: nothing
 * changed); an unreachable server or a non-Nessie answer throws `NessieTransportError`.
 */
import { keyPathSegment, keyToString, parseKey } from './content-key';
import {
  NessieApiError,
  NessieConflictError,
  NessieNotFoundError,
  NessieTransportError,
  type NessieConflict,
} from './errors';
import { parseJsonExact } from './json';
import { refPathSegment, validateHash, validateRefName } from './ref-names';
import type {
  CommitMeta,
  CommitResult,
  Content,
  Diff,
  DiffEntry,
  Entry,
  LogEntry,
  LogPage,
  MergeResult,
  NessieConfig,
  Operation,
  Reference,
  RefType,
} from './types';

export type * from './types';

/** How to reach one Nessie server's REST API v2 (`.../api/v2`). */
export interface NessieConnection {
  url: string;
  /** Bearer token; sent as `Authorization: Bearer ...`, never logged. */
  token?: string;
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | boolean | string[] | undefined>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

interface ErrorDocument {
  status?: number;
  message?: string;
  errorCode?: string;
  errorDetails?: { conflicts?: RawConflict[] };
}

interface RawKey {
  elements: string[];
}

interface RawConflict {
  conflictType?: string;
  key?: RawKey;
  message?: string;
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** "The following keys have been changed in conflict: 'a.b', 'c.d'" -> ['a.b', 'c.d']. */
function keysFromMessage(message: string): NessieConflict[] {
  const at = message.indexOf(':');
  if (!/keys? .*conflict/i.test(message) || at < 0) return [];
  return [...message.slice(at + 1).matchAll(/'([^']+)'/g)].map((m) => ({ key: m[1]! }));
}

function toError(status: number, doc: ErrorDocument | undefined, raw: string): Error {
  // Without Nessie's error document something else answered (a proxy, a wrong path): that is
  // a transport problem, not Nessie refusing the request.
  if (status === 401 || status === 403) {
    const message = doc?.message ?? `HTTP ${status}`;
    return new NessieApiError(
      `${message} (check the Nessie token)`,
      status,
      doc?.errorCode ?? `HTTP_${status}`,
    );
  }
  if (!doc?.errorCode) {
    const text = raw.trim().split('\n')[0]!.slice(0, 200);
    return new NessieTransportError(
      `Nessie answered HTTP ${status}${text ? `: ${text}` : ''}`,
      status,
    );
  }
  const message = doc.message ?? `HTTP ${status}`;
  const code = doc.errorCode;
  if (status === 404) return new NessieNotFoundError(message, status, code);
  if (status === 409) {
    const detailed = doc?.errorDetails?.conflicts ?? [];
    const conflicts: NessieConflict[] = detailed.length
      ? detailed.map((c) => ({
          key: c.key ? keyToString(c.key.elements) : '',
          conflictType: c.conflictType,
          message: c.message,
        }))
      : keysFromMessage(message);
    return new NessieConflictError(message, conflicts, status, code);
  }
  return new NessieApiError(message, status, code);
}

function normalizeContent(c: Content | undefined): Content | undefined {
  if (c && c.type === 'ICEBERG_TABLE') {
    const t = c as unknown as Record<string, unknown>;
    return { ...c, snapshotId: String(t.snapshotId) } as Content;
  }
  return c;
}

function sourceRef(ref: Reference): Reference {
  return { type: ref.type, name: ref.name, hash: ref.hash };
}

export interface ListReferencesOptions {
  /** Only branches or only tags. */
  type?: RefType;
  /** Only references whose name starts with this. */
  prefix?: string;
  /** A raw CEL filter passed to Nessie (e.g. `ref.name.startsWith('etl/')`). */
  filter?: string;
  /** `ALL` adds commit metadata and ahead/behind counts. */
  fetch?: 'MINIMAL' | 'ALL';
  signal?: AbortSignal;
}

export interface MergeOptions {
  /** Source ref name. */
  from: string;
  /** Source hash; defaults to the source's current head. */
  fromHash?: string;
  /** Target branch. */
  into: string;
  /** The target's hash the caller saw; defaults to its current head. */
  expectedHash?: string;
  dryRun?: boolean;
  /**
   * Return key conflicts in `details` (with `wasSuccessful: false`) instead of throwing
   * `NessieConflictError`: a merge preview shows them as data. A target that moved past
   * `expectedHash` still throws, since then the preview itself is stale.
   */
  conflictsAsResult?: boolean;
  message?: string;
  signal?: AbortSignal;
}

export interface TransplantOptions {
  from: string;
  hashes: string[];
  into: string;
  expectedHash?: string;
  dryRun?: boolean;
  message?: string;
  signal?: AbortSignal;
}

export class NessieClient {
  constructor(readonly conn: NessieConnection) {}

  private async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const doFetch = this.conn.fetch ?? fetch;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.conn.token) headers.Authorization = `Bearer ${this.conn.token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const url = `${this.conn.url.replace(/\/$/, '')}${path}${queryString(options.query)}`;
    let res: Response;
    try {
      res = await doFetch(url, {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (e) {
      if (options.signal?.aborted) throw e;
      throw new NessieTransportError(
        `cannot reach Nessie at ${this.conn.url}: ${(e as Error).message}`,
      );
    }
    const text = await res.text();
    let doc: unknown;
    try {
      doc = text ? parseJsonExact(text) : undefined;
    } catch {
      doc = undefined;
    }
    if (!res.ok) throw toError(res.status, doc as ErrorDocument | undefined, text);
    if (doc === undefined) {
      throw new NessieTransportError(
        `Nessie at ${this.conn.url} answered HTTP ${res.status} without a JSON document`,
        res.status,
      );
    }
    return doc as T;
  }

  /**
   * Each page of a paged GET, following Nessie's `hasMore` + `token` until the last page.
   * `pageToken` goes after the caller's query parameters (absent on the first request).
   */
  private async *pages<P extends { hasMore?: boolean; token?: string | null }>(
    path: string,
    query: Query,
    signal?: AbortSignal,
  ): AsyncGenerator<P> {
    let pageToken: string | undefined;
    do {
      const page = await this.request<P>(path, { query: { ...query, pageToken }, signal });
      yield page;
      pageToken = page.hasMore && page.token ? page.token : undefined;
    } while (pageToken);
  }

  config(signal?: AbortSignal): Promise<NessieConfig> {
    return this.request<NessieConfig>('/config', { signal });
  }

  /** All references (following Nessie's paging), filtered. */
  async listReferences(options: ListReferencesOptions = {}): Promise<Reference[]> {
    const filters: string[] = [];
    if (options.filter) filters.push(`(${options.filter})`);
    if (options.type) filters.push(`refType == '${options.type}'`);
    if (options.prefix !== undefined) {
      // The prefix becomes a CEL string literal: only characters legal in ref names pass.
      if (!/^[A-Za-z0-9./_-]*$/.test(options.prefix)) return [];
      filters.push(`ref.name.startsWith('${options.prefix}')`);
    }
    const out: Reference[] = [];
    const query = {
      fetch: options.fetch,
      filter: filters.length ? filters.join(' && ') : undefined,
    };
    for await (const page of this.pages<{
      references: Reference[];
      hasMore?: boolean;
      token?: string | null;
    }>('/trees', query, options.signal)) {
      out.push(...page.references);
    }
    return out;
  }

  /** One reference by name; `NessieNotFoundError` when it does not exist. */
  async getReference(
    name: string,
    options: { fetch?: 'MINIMAL' | 'ALL'; signal?: AbortSignal } = {},
  ): Promise<Reference> {
    const doc = await this.request<{ reference: Reference }>(`/trees/${refPathSegment(name)}`, {
      query: { fetch: options.fetch },
      signal: options.signal,
    });
    return doc.reference;
  }

  private async createReference(
    type: RefType,
    name: string,
    from: string | Reference,
    signal?: AbortSignal,
  ): Promise<Reference> {
    validateRefName(name);
    const source = typeof from === 'string' ? await this.getReference(from, { signal }) : from;
    validateHash(source.hash);
    const doc = await this.request<{ reference: Reference }>('/trees', {
      method: 'POST',
      query: { name, type },
      body: sourceRef(source),
      signal,
    });
    return doc.reference;
  }

  /** Creates branch `name` at the head of `from` (a ref name) or at a given ref + hash. */
  createBranch(name: string, from: string | Reference, signal?: AbortSignal): Promise<Reference> {
    return this.createReference('BRANCH', name, from, signal);
  }

  createTag(name: string, from: string | Reference, signal?: AbortSignal): Promise<Reference> {
    return this.createReference('TAG', name, from, signal);
  }

  /**
   * Deletes a branch or tag. With `expectedHash` it fails with `NessieConflictError` if the ref
   * moved; without, it deletes the head it reads first (still refusing a concurrent move).
   */
  async deleteReference(
    name: string,
    options: { expectedHash?: string; type?: RefType; signal?: AbortSignal } = {},
  ): Promise<Reference> {
    const current =
      options.expectedHash === undefined
        ? await this.getReference(name, { signal: options.signal })
        : undefined;
    const hash = options.expectedHash ?? current!.hash;
    const doc = await this.request<{ reference: Reference }>(
      `/trees/${refPathSegment(name, hash)}`,
      { method: 'DELETE', query: { type: options.type ?? current?.type }, signal: options.signal },
    );
    return doc.reference;
  }

  /** Points branch or tag `name` (expected at `expectedHash`) at `to`'s hash. */
  async assignReference(
    name: string,
    expectedHash: string,
    to: Reference,
    options: { type?: RefType; signal?: AbortSignal } = {},
  ): Promise<Reference> {
    validateHash(to.hash);
    validateRefName(to.name);
    const doc = await this.request<{ reference: Reference }>(
      `/trees/${refPathSegment(name, expectedHash)}`,
      { method: 'PUT', query: { type: options.type }, body: sourceRef(to), signal: options.signal },
    );
    return doc.reference;
  }

  /** One page of the commit log of `ref` (newest first). */
  async commitLog(
    ref: string,
    options: {
      hash?: string;
      maxRecords?: number;
      pageToken?: string;
      filter?: string;
      signal?: AbortSignal;
    } = {},
  ): Promise<LogPage> {
    const doc = await this.request<{
      logEntries: LogEntry[];
      hasMore?: boolean;
      token?: string | null;
    }>(`/trees/${refPathSegment(ref, options.hash)}/history`, {
      query: {
        maxRecords: options.maxRecords,
        pageToken: options.pageToken,
        filter: options.filter,
      },
      signal: options.signal,
    });
    // Nessie treats maxRecords as a hint; the page is cut to what was asked.
    const entries =
      options.maxRecords !== undefined
        ? doc.logEntries.slice(0, options.maxRecords)
        : doc.logEntries;
    const cut = entries.length < doc.logEntries.length;
    return {
      entries,
      hasMore: cut || Boolean(doc.hasMore),
      token: cut ? undefined : (doc.token ?? undefined),
    };
  }

  /** Up to `limit` commits of `ref`, newest first, following Nessie's paging. */
  async commits(
    ref: string,
    options: { limit?: number; hash?: string; signal?: AbortSignal } = {},
  ): Promise<CommitMeta[]> {
    const limit = options.limit ?? Infinity;
    const out: CommitMeta[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.commitLog(ref, {
        hash: options.hash,
        pageToken,
        signal: options.signal,
      });
      for (const e of page.entries) {
        if (out.length >= limit) return out;
        out.push(e.commitMeta);
      }
      pageToken = page.hasMore ? page.token : undefined;
    } while (pageToken && out.length < limit);
    return out;
  }

  /** Namespaces, tables and views at `ref` (optionally at a hash), with their content. */
  async entries(
    ref: string,
    options: { hash?: string; content?: boolean; filter?: string; signal?: AbortSignal } = {},
  ): Promise<Entry[]> {
    const out: Entry[] = [];
    for await (const page of this.pages<{
      entries: {
        type: string;
        name: RawKey;
        contentId?: string;
        content?: Content;
      }[];
      hasMore?: boolean;
      token?: string | null;
    }>(
      `/trees/${refPathSegment(ref, options.hash)}/entries`,
      { content: options.content, filter: options.filter },
      options.signal,
    )) {
      for (const e of page.entries) {
        out.push({
          type: e.type,
          key: keyToString(e.name.elements),
          elements: e.name.elements,
          contentId: e.contentId,
          content: normalizeContent(e.content),
        });
      }
    }
    return out;
  }

  /** The content at `key` (`demo.orders` or elements) on `ref`, with the hash it was read at. */
  async content(
    ref: string,
    key: string | string[],
    options: { hash?: string; signal?: AbortSignal } = {},
  ): Promise<{ content: Content; reference: Reference }> {
    const elements = typeof key === 'string' ? parseKey(key) : key;
    const doc = await this.request<{ content: Content; effectiveReference: Reference }>(
      `/trees/${refPathSegment(ref, options.hash)}/contents/${keyPathSegment(elements)}`,
      { signal: options.signal },
    );
    return { content: normalizeContent(doc.content)!, reference: doc.effectiveReference };
  }

  /** Several contents at once; keys that do not exist are left out of the map. */
  async contents(
    ref: string,
    keys: string[],
    options: { hash?: string; signal?: AbortSignal } = {},
  ): Promise<{ contents: Map<string, Content>; reference: Reference }> {
    for (const k of keys) parseKey(k);
    const doc = await this.request<{
      contents: { key: RawKey; content: Content }[];
      effectiveReference: Reference;
    }>(`/trees/${refPathSegment(ref, options.hash)}/contents`, {
      query: { key: keys },
      signal: options.signal,
    });
    const contents = new Map<string, Content>();
    for (const c of doc.contents)
      contents.set(keyToString(c.key.elements), normalizeContent(c.content)!);
    return { contents, reference: doc.effectiveReference };
  }

  /** What differs between `from` and `to` (keys changed, added or removed). */
  async diff(
    from: string,
    to: string,
    options: { fromHash?: string; toHash?: string; signal?: AbortSignal } = {},
  ): Promise<Diff> {
    const entries: DiffEntry[] = [];
    let fromRef: Reference | undefined;
    let toRef: Reference | undefined;
    const path = `/trees/${refPathSegment(from, options.fromHash)}/diff/${refPathSegment(to, options.toHash)}`;
    for await (const page of this.pages<{
      diffs: { key: RawKey; from?: Content | null; to?: Content | null }[];
      effectiveFromReference: Reference;
      effectiveToReference: Reference;
      hasMore?: boolean;
      token?: string | null;
    }>(path, {}, options.signal)) {
      // The effective references are the ones the first page was read at.
      fromRef ??= page.effectiveFromReference;
      toRef ??= page.effectiveToReference;
      for (const d of page.diffs) {
        entries.push({
          key: keyToString(d.key.elements),
          elements: d.key.elements,
          from: normalizeContent(d.from ?? undefined),
          to: normalizeContent(d.to ?? undefined),
        });
      }
    }
    return { from: fromRef!, to: toRef!, entries };
  }

  private async mergeLike(
    kind: 'merge' | 'transplant',
    into: string,
    expectedHash: string | undefined,
    body: Record<string, unknown>,
    dryRun: boolean,
    signal?: AbortSignal,
    conflictsAsResult = false,
  ): Promise<MergeResult> {
    if (expectedHash !== undefined) validateHash(expectedHash);
    const head = (await this.getReference(into, { signal })).hash;
    // Nessie merges onto a moved target when no key conflicts; a caller that names the hash it
    // saw means "only onto that", so a moved target is refused here.
    if (expectedHash !== undefined && !head.startsWith(expectedHash.toLowerCase())) {
      throw new NessieConflictError(
        `${into} moved: expected ${expectedHash.slice(0, 12)}, now at ${head.slice(0, 12)}`,
        [],
      );
    }
    const expected = expectedHash ?? head;
    // Nessie 0.99 reads `isDryRun`/`isReturnConflictAsResult` (its Immutables names); a plain
    // `dryRun` is ignored and the merge would be applied.
    const raw = await this.request<{
      wasApplied: boolean;
      wasSuccessful: boolean;
      resultantTargetHash?: string | null;
      commonAncestor?: string | null;
      targetBranch: string;
      effectiveTargetHash?: string;
      expectedHash?: string;
      details?: {
        key: RawKey;
        mergeBehavior?: string;
        conflict?: { conflictType?: string; message?: string } | null;
      }[];
    }>(`/trees/${refPathSegment(into, expected)}/history/${kind}`, {
      method: 'POST',
      body: { ...body, isDryRun: dryRun, isReturnConflictAsResult: true },
      signal,
    });
    const result: MergeResult = {
      wasApplied: raw.wasApplied,
      wasSuccessful: raw.wasSuccessful,
      resultantTargetHash: raw.resultantTargetHash ?? undefined,
      commonAncestor: raw.commonAncestor ?? undefined,
      targetBranch: raw.targetBranch,
      effectiveTargetHash: raw.effectiveTargetHash,
      expectedHash: raw.expectedHash,
      details: (raw.details ?? []).map((d) => ({
        key: keyToString(d.key.elements),
        mergeBehavior: d.mergeBehavior,
        conflict: d.conflict ?? undefined,
      })),
    };
    const conflicts = result.details.filter((d) => d.conflict);
    if (conflictsAsResult) return result;
    if (!result.wasSuccessful || conflicts.length > 0) {
      throw new NessieConflictError(
        `${kind} into ${into} conflicts on ${conflicts.map((c) => c.key).join(', ') || 'the target hash'}`,
        conflicts.map((c) => ({
          key: c.key,
          conflictType: c.conflict?.conflictType,
          message: c.conflict?.message,
        })),
      );
    }
    return result;
  }

  /**
   * Merges `from` into branch `into`. `dryRun` reports what would happen and changes nothing.
   * A conflict throws `NessieConflictError` naming every conflicting key (or, with
   * `conflictsAsResult`, comes back in `details`); nothing is changed.
   */
  async merge(options: MergeOptions): Promise<MergeResult> {
    validateRefName(options.from);
    validateRefName(options.into);
    if (options.fromHash !== undefined) validateHash(options.fromHash);
    const fromHash =
      options.fromHash ?? (await this.getReference(options.from, { signal: options.signal })).hash;
    return this.mergeLike(
      'merge',
      options.into,
      options.expectedHash,
      {
        fromRefName: options.from,
        fromHash,
        ...(options.message ? { message: options.message } : {}),
      },
      options.dryRun ?? false,
      options.signal,
      options.conflictsAsResult,
    );
  }

  /** Replays the commits `hashes` of `from` onto branch `into` (same conflict rules as merge). */
  async transplant(options: TransplantOptions): Promise<MergeResult> {
    validateRefName(options.from);
    validateRefName(options.into);
    options.hashes.forEach(validateHash);
    return this.mergeLike(
      'transplant',
      options.into,
      options.expectedHash,
      {
        fromRefName: options.from,
        hashesToTransplant: options.hashes,
        ...(options.message ? { message: options.message } : {}),
      },
      options.dryRun ?? false,
      options.signal,
    );
  }

  /**
   * Commits operations to `branch` expected at `expectedHash`; a concurrent change to the same
   * keys throws `NessieConflictError` instead of being lost.
   */
  async commit(
    branch: string,
    expectedHash: string,
    operations: Operation[],
    message: string,
    signal?: AbortSignal,
  ): Promise<CommitResult> {
    const doc = await this.request<{
      targetBranch: Reference;
      addedContents?: { key: RawKey; contentId: string }[];
    }>(`/trees/${refPathSegment(branch, expectedHash)}/history/commit`, {
      method: 'POST',
      body: {
        commitMeta: { message },
        operations: operations.map((o) => ({ ...o, key: { elements: o.key } })),
      },
      signal,
    });
    return {
      branch: doc.targetBranch,
      addedContents: doc.addedContents?.map((a) => ({
        key: keyToString(a.key.elements),
        contentId: a.contentId,
      })),
    };
  }
}
