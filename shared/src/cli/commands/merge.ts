/** `loch merge FROM [--into BRANCH] [--dry-run]`: merge one ref into a branch (default main). */
import { validateRefName } from '../../nessie/ref-names';
import type { CliIo } from '../io';
import { lakehouseContext, refOrDefault } from './lakehouse-context';

export interface MergeOptions {
  into?: string;
  dryRun?: boolean;
  expectedHash?: string;
  message?: string;
  json?: boolean;
}

export async function merge(fromArg: string, values: MergeOptions, io: CliIo): Promise<number> {
  const from = validateRefName(fromArg);
  const { nessie } = lakehouseContext(io);
  const into = await refOrDefault(nessie, values.into, io.signal);
  const dryRun = Boolean(values.dryRun);
  const result = await nessie.merge({
    from,
    into,
    expectedHash: values.expectedHash,
    dryRun,
    message: values.message,
    signal: io.signal,
  });
  const keys = result.details.map((d) => d.key);
  if (values.json) {
    io.out(`${JSON.stringify({ from, into, dryRun, ...result })}\n`);
    return 0;
  }
  if (dryRun) {
    io.out(
      keys.length === 0
        ? `Dry run: nothing to merge from ${from} into ${into}.\n`
        : `Dry run: merging ${from} into ${into} would change ${keys.length} key(s) without conflict: ${keys.join(', ')}\n`,
    );
    return 0;
  }
  io.out(
    result.wasApplied
      ? `Merged ${from} into ${into}: ${into} is now at ${(result.resultantTargetHash ?? '').slice(0, 12)} (${keys.length} key(s): ${keys.join(', ')}).\n`
      : `Nothing to merge: ${into} already has every change of ${from}.\n`,
  );
  return 0;
}
