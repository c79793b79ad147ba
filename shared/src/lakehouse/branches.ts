/**
 * Branch and tag lifecycle across Nessie and Trino: a ref and its Trino catalog are created and
 * removed together, so a deleted branch never leaves a catalog pointing at nothing.
 */
import { LochError } from '../errors';
import type { NessieClient } from '../nessie/client';
import { printable } from '../nessie/errors';
import { validateRefName } from '../nessie/ref-names';
import type { Reference, RefType } from '../nessie/types';
import type { RefCatalogs } from './ref-catalogs';

export interface DeletedRef {
  ref: Reference;
  /** True when the ref's Trino catalog existed and was dropped. */
  catalogDropped: boolean;
  /**
   * Set when the ref was deleted but dropping its catalog failed (Trino unreachable): the ref is
   * gone either way; `RefCatalogs.prune()` removes the orphaned catalog later.
   */
  catalogError?: Error;
}

/**
 * Deletes branch or tag `name` in Nessie (refusing if it moved past `expectedHash`), then drops
 * its Trino catalog. Validation and Nessie's refusal happen before anything is dropped.
 */
export async function deleteRef(
  nessie: NessieClient,
  catalogs: RefCatalogs,
  name: string,
  options: { expectedHash?: string; type?: RefType; signal?: AbortSignal } = {},
): Promise<DeletedRef> {
  validateRefName(name);
  const ref = await nessie.deleteReference(name, options);
  try {
    return { ref, catalogDropped: await catalogs.drop(name, options.signal) };
  } catch (e) {
    if (options.signal?.aborted) throw e;
    return { ref, catalogDropped: false, catalogError: e as Error };
  }
}

/** `deleteRef(..., {type})` named a branch that is a tag, or the other way round. */
export class RefTypeMismatchError extends LochError {
  override readonly name = 'RefTypeMismatchError';
  readonly code = 'ref-type-mismatch';
  constructor(
    readonly ref: Reference,
    readonly expected: RefType,
  ) {
    super(
      `${printable(ref.name)} is a ${ref.type.toLowerCase()}, not a ${expected.toLowerCase()}; nothing was deleted`,
    );
  }
}

/**
 * Creates branch or tag `name` at the head of `from` (a ref name, default Nessie's default
 * branch) or at an exact ref + hash. Both names are validated before anything is sent
 * (`InvalidRefNameError`); a missing source is `NessieNotFoundError`, a taken name
 * `NessieConflictError`. No Trino catalog is made: `RefCatalogs.ensure` makes it on first query.
 */
export async function createRef(
  nessie: NessieClient,
  type: RefType,
  name: string,
  from?: string | Reference,
  signal?: AbortSignal,
): Promise<Reference> {
  validateRefName(name);
  if (typeof from === 'string') validateRefName(from);
  const source = from ?? (await nessie.config(signal)).defaultBranch;
  return type === 'BRANCH'
    ? nessie.createBranch(name, source, signal)
    : nessie.createTag(name, source, signal);
}

/**
 * `deleteRef` for a ref that must be of `type`: reads its head, refuses a tag given as a branch
 * (or the reverse) with `RefTypeMismatchError`, then deletes exactly that head.
 */
export async function deleteRefOfType(
  nessie: NessieClient,
  catalogs: RefCatalogs,
  name: string,
  type: RefType,
  options: { expectedHash?: string; signal?: AbortSignal } = {},
): Promise<DeletedRef> {
  validateRefName(name);
  const ref = await nessie.getReference(name, { signal: options.signal });
  if (ref.type !== type) throw new RefTypeMismatchError(ref, type);
  return deleteRef(nessie, catalogs, name, {
    expectedHash: options.expectedHash ?? ref.hash,
    type,
    signal: options.signal,
  });
}
