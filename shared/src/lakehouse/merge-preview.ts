/**
 * Merge with preview, written once for every front end: a dry run that returns conflicts as
 * data, then a merge of exactly what was previewed (the source hash shown, onto the target head
 * shown). Nessie itself merges onto a target that moved since `expectedHash` whenever no key
 * conflicts, so "exactly onto the previewed head" is enforced here, atomically (see
 * `mergePreviewed`).
 */
import { LochError } from '../errors';
import type { NessieClient } from '../nessie/client';
import { NessieConflictError, printable } from '../nessie/errors';
import { validateRefName } from '../nessie/ref-names';
import type { LogEntry, MergeResult, Reference } from '../nessie/types';

/** One key changed on both sides since the common ancestor. */
export interface MergeConflict {
  /** Dotted content key, e.g. `demo.orders`. */
  key: string;
  /** Nessie's conflict type, e.g. `VALUE_DIFFERS`. */
  conflictType?: string;
  message?: string;
}

export interface MergePreview {
  /** The source as previewed: its name and the exact hash that would be merged. */
  from: Reference;
  /** The target head previewed; `mergePreviewed` lands only on this hash. */
  into: Reference;
  /** The source's commits the target lacks, newest first (at most `MAX_PREVIEW_COMMITS`). */
  commits: LogEntry[];
  /** True when the source has more unmerged commits than `commits` holds. */
  commitsTruncated: boolean;
  /** Keys changed on both sides: the merge would be refused. */
  conflicts: MergeConflict[];
  /** Every content key the merge would change, sorted. */
  changedKeys: string[];
  /** The last commit both refs share. */
  commonAncestor?: string;
  /** No conflict and something to merge. */
  canMerge: boolean;
}

/** A preview lists at most this many commits; a UI shows the rest as a count it cannot know. */
export const MAX_PREVIEW_COMMITS = 500;

/** Merges go into branches only; a tag never moves. */
export class MergeTargetNotBranchError extends LochError {
  override readonly name = 'MergeTargetNotBranchError';
  readonly code = 'merge-target-not-branch';
  constructor(readonly target: string) {
    super(`cannot merge into ${printable(target)}: it is a tag`, { hint: 'merge into a branch' });
  }
}

/** The target branch moved after the preview: nothing was merged. */
export class MergeTargetMovedError extends LochError {
  override readonly name = 'MergeTargetMovedError';
  readonly code = 'merge-target-moved';
  constructor(
    readonly target: string,
    readonly previewedHash: string,
    readonly currentHash: string | undefined,
  ) {
    super(
      `${printable(target)} moved since the preview (previewed ${previewedHash.slice(0, 12)}` +
        `${currentHash ? `, now ${currentHash.slice(0, 12)}` : ''}); nothing was merged`,
      { hint: 'preview the merge again' },
    );
  }
}

/** The previewed merge has key conflicts; `mergePreviewed` refuses it before sending anything. */
export class MergeConflictsError extends LochError {
  override readonly name = 'MergeConflictsError';
  readonly code = 'merge-conflicts';
  constructor(readonly preview: MergePreview) {
    super(
      `merging ${printable(preview.from.name)} into ${printable(preview.into.name)} conflicts on ` +
        `${preview.conflicts.map((c) => c.key).join(', ')}; nothing was merged`,
      { hint: 'resolve the conflicting keys on one side, then preview again' },
    );
  }
}

/** The source's commits from its previewed head back to (not including) the common ancestor. */
async function unmergedCommits(
  nessie: NessieClient,
  from: Reference,
  ancestor: string | undefined,
  signal?: AbortSignal,
): Promise<{ commits: LogEntry[]; truncated: boolean }> {
  const commits: LogEntry[] = [];
  let pageToken: string | undefined;
  do {
    const page = await nessie.commitLog(from.name, { hash: from.hash, pageToken, signal });
    for (const e of page.entries) {
      if (e.commitMeta.hash === ancestor) return { commits, truncated: false };
      if (commits.length === MAX_PREVIEW_COMMITS) return { commits, truncated: true };
      commits.push(e);
    }
    pageToken = page.hasMore ? page.token : undefined;
  } while (pageToken);
  return { commits, truncated: false };
}

/**
 * What merging `from` into branch `into` would do, read at both refs' current heads with a
 * Nessie dry run; nothing changes. Key conflicts come back in `conflicts`, not as an error.
 * Throws `InvalidRefNameError` (nothing sent), `NessieNotFoundError` for a missing ref,
 * `MergeTargetNotBranchError` when `into` is a tag.
 */
export async function previewMerge(
  nessie: NessieClient,
  from: string,
  into: string,
  signal?: AbortSignal,
): Promise<MergePreview> {
  validateRefName(from);
  validateRefName(into);
  const [source, target] = await Promise.all([
    nessie.getReference(from, { signal }),
    nessie.getReference(into, { signal }),
  ]);
  if (target.type !== 'BRANCH') throw new MergeTargetNotBranchError(into);
  const dry = await nessie.merge({
    from,
    fromHash: source.hash,
    into,
    expectedHash: target.hash,
    dryRun: true,
    conflictsAsResult: true,
    signal,
  });
  const conflicts = dry.details
    .filter((d) => d.conflict)
    .map((d) => ({
      key: d.key,
      conflictType: d.conflict?.conflictType,
      message: d.conflict?.message,
    }));
  const { commits, truncated } = await unmergedCommits(nessie, source, dry.commonAncestor, signal);
  return {
    from: { type: source.type, name: source.name, hash: source.hash },
    into: { type: target.type, name: target.name, hash: target.hash },
    commits,
    commitsTruncated: truncated,
    conflicts,
    changedKeys: dry.details.map((d) => d.key).sort(),
    commonAncestor: dry.commonAncestor,
    canMerge: dry.wasSuccessful && conflicts.length === 0 && commits.length > 0,
  };
}

/** A scratch branch name no user picks: `loch-merge/<target hash>.<random>`. */
function scratchBranchName(targetHash: string): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  return `loch-merge/${targetHash.slice(0, 12)}.${random}`;
}

/**
 * Merges exactly what `preview` showed: the source at `preview.from.hash` onto the target at
 * `preview.into.hash`. Nessie accepts an expected hash on a merge but still lands on a moved
 * target when no key conflicts, so the merge is made on a scratch branch at the previewed head
 * and the target is then moved there with a compare-and-swap assignment, which Nessie refuses
 * if the target moved meanwhile. The scratch branch is always deleted.
 *
 * A preview with nothing to merge returns `wasApplied: false` and changes nothing. Throws
 * `MergeConflictsError` for a preview with conflicts and `MergeTargetMovedError` when the target
 * is no longer at the previewed head; in both cases the target is unchanged.
 */
export async function mergePreviewed(
  nessie: NessieClient,
  preview: MergePreview,
  opts: { message?: string; signal?: AbortSignal } = {},
): Promise<MergeResult> {
  const { signal } = opts;
  if (preview.conflicts.length > 0) throw new MergeConflictsError(preview);
  const into = preview.into;
  const head = await nessie.getReference(into.name, { signal });
  if (head.hash !== into.hash) throw new MergeTargetMovedError(into.name, into.hash, head.hash);
  // Nothing to merge (the target has every commit): no scratch branch, no change.
  if (preview.commits.length === 0) {
    return {
      wasApplied: false,
      wasSuccessful: true,
      resultantTargetHash: into.hash,
      commonAncestor: preview.commonAncestor,
      targetBranch: into.name,
      expectedHash: into.hash,
      details: [],
    };
  }
  const message = opts.message ?? `Merge ${preview.from.name} into ${into.name}`;
  const scratch = await nessie.createBranch(scratchBranchName(into.hash), into, signal);
  try {
    const merged = await nessie.merge({
      from: preview.from.name,
      fromHash: preview.from.hash,
      into: scratch.name,
      expectedHash: into.hash,
      message,
      signal,
    });
    const landed = merged.resultantTargetHash ?? into.hash;
    if (landed !== into.hash) {
      try {
        await nessie.assignReference(
          into.name,
          into.hash,
          { type: 'BRANCH', name: scratch.name, hash: landed },
          { type: 'BRANCH', signal },
        );
      } catch (e) {
        if (!(e instanceof NessieConflictError)) throw e;
        const now = await nessie.getReference(into.name, { signal }).catch(() => undefined);
        throw new MergeTargetMovedError(into.name, into.hash, now?.hash);
      }
    }
    return { ...merged, targetBranch: into.name, expectedHash: into.hash };
  } finally {
    // Deleted at whatever it points to; a failure here leaves only an unreferenced scratch ref.
    await nessie.deleteReference(scratch.name, { type: 'BRANCH' }).catch(() => undefined);
  }
}
