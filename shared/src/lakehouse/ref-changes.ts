/**
 * What changed between refs and on a ref: the keys that differ between two refs (diff) and a
 * ref's commits (log), read at one head each so a listing never mixes two states of a ref.
 */
import type { NessieClient } from '../nessie/client';
import { validateRefName } from '../nessie/ref-names';
import { isIcebergTable, type CommitMeta, type Content, type Reference } from '../nessie/types';

export type KeyChange = 'added' | 'removed' | 'modified';

export interface KeyDiff {
  /** Dotted content key, e.g. `demo.orders`. */
  key: string;
  elements: string[];
  /** Nessie's content type on the side that has it (`ICEBERG_TABLE`, `NAMESPACE`, ...). */
  contentType?: string;
  change: KeyChange;
  fromSnapshotId?: string;
  toSnapshotId?: string;
}

export interface RefDiff {
  /** Both refs at the heads that were compared. */
  from: Reference;
  to: Reference;
  /** Sorted by key (code-unit order). */
  changes: KeyDiff[];
}

const snapshotOf = (c: Content | undefined) => (isIcebergTable(c) ? c.snapshotId : undefined);

/** The keys added, removed or modified going from `from` to `to`. */
export async function diffRefs(
  nessie: NessieClient,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<RefDiff> {
  validateRefName(from);
  validateRefName(to);
  const d = await nessie.diff(from, to, { signal });
  const changes = d.entries.map((e): KeyDiff => ({
    key: e.key,
    elements: e.elements,
    contentType: (e.to ?? e.from)?.type,
    change: !e.from ? 'added' : !e.to ? 'removed' : 'modified',
    fromSnapshotId: snapshotOf(e.from),
    toSnapshotId: snapshotOf(e.to),
  }));
  changes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const plain = (r: Reference): Reference => ({ type: r.type, name: r.name, hash: r.hash });
  return { from: plain(d.from), to: plain(d.to), changes };
}

export interface RefLog {
  /** The ref at the head the log was read from. */
  ref: Reference;
  /** Newest first. */
  commits: CommitMeta[];
}

/** Up to `limit` (default 50) commits of `ref`, newest first, from one head. */
export async function refLog(
  nessie: NessieClient,
  ref: string,
  options: { limit?: number; signal?: AbortSignal } = {},
): Promise<RefLog> {
  validateRefName(ref);
  const limit = options.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`a log limit is a positive integer, not ${limit}`);
  }
  const head = await nessie.getReference(ref, { signal: options.signal });
  const commits = await nessie.commits(ref, { hash: head.hash, limit, signal: options.signal });
  return { ref: { type: head.type, name: head.name, hash: head.hash }, commits };
}
