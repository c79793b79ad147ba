/**
 * Branch and tag lifecycle across Nessie and Trino: a ref and its Trino catalog are created and
 * removed together, so a deleted branch never leaves a catalog pointing at nothing.
 */
import type { NessieClient } from '../nessie/client';
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
