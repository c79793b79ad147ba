/**
 * `loch merge FROM [--into BRANCH] [--dry-run]`: merge one ref into a branch (default main),
 * through the core's merge preview: the merge lands only on the target head that was previewed.
 */
import type { MergePreview } from '../../lakehouse/merge-preview';
import { NessieConflictError } from '../../nessie/errors';
import { validateHash, validateRefName } from '../../nessie/ref-names';
import type { CliIo } from '../io';
import { lakehouseSession, refOrDefault } from './lakehouse-context';

function previewJson(p: MergePreview) {
  return {
    fromHash: p.from.hash,
    intoHash: p.into.hash,
    commits: p.commits.map((c) => ({ hash: c.commitMeta.hash, message: c.commitMeta.message })),
    changedKeys: p.changedKeys,
    conflicts: p.conflicts,
    canMerge: p.canMerge,
  };
}

export interface MergeOptions {
  into?: string;
  dryRun?: boolean;
  expectedHash?: string;
  message?: string;
  json?: boolean;
}

export async function merge(fromArg: string, values: MergeOptions, io: CliIo): Promise<number> {
  const from = validateRefName(fromArg);
  const expected = values.expectedHash;
  if (expected !== undefined) validateHash(expected);
  const session = lakehouseSession(io, { needsRefs: true });
  const into = await refOrDefault(session.nessie, values.into, io.signal);
  const dryRun = Boolean(values.dryRun);
  const preview = await session.previewMerge(from, into, io.signal);
  // --expected-hash names the head the user saw elsewhere; it must be the one just previewed.
  if (expected !== undefined && !preview.into.hash.startsWith(expected.toLowerCase())) {
    throw new NessieConflictError(
      `${into} moved: expected ${expected.slice(0, 12)}, now at ${preview.into.hash.slice(0, 12)}`,
      [],
    );
  }
  if (preview.conflicts.length > 0) {
    throw new NessieConflictError(
      `merge into ${into} conflicts on ${preview.conflicts.map((c) => c.key).join(', ')}`,
      preview.conflicts,
    );
  }
  const keys = preview.changedKeys;
  if (dryRun) {
    if (values.json) {
      io.out(`${JSON.stringify({ from, into, dryRun, ...previewJson(preview) })}\n`);
      return 0;
    }
    io.out(
      keys.length === 0
        ? `Dry run: nothing to merge from ${from} into ${into}.\n`
        : `Dry run: merging ${from} into ${into} would change ${keys.length} key(s) without conflict: ${keys.join(', ')}\n`,
    );
    return 0;
  }
  const result = preview.canMerge
    ? await session.merge(preview, { message: values.message, signal: io.signal })
    : undefined;
  if (values.json) {
    io.out(`${JSON.stringify({ from, into, dryRun, ...previewJson(preview), ...result })}\n`);
    return 0;
  }
  io.out(
    result?.wasApplied
      ? `Merged ${from} into ${into}: ${into} is now at ${(result.resultantTargetHash ?? '').slice(0, 12)} (${keys.length} key(s): ${keys.join(', ')}).\n`
      : `Nothing to merge: ${into} already has every change of ${from}.\n`,
  );
  return 0;
}
