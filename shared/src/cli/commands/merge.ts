/** `loch merge FROM [--into BRANCH] [--dry-run]`: merge one ref into a branch (default main). */
import { validateRefName } from '../../nessie/ref-names';
import { parseFlags } from '../args';
import { UsageError, type CliIo } from '../io';
import { lakehouseContext, refOrDefault } from './lakehouse-context';

export async function merge(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      into: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'expected-hash': { type: 'string' },
      message: { type: 'string' },
      json: { type: 'boolean' },
    },
    true,
  );
  if (positionals.length !== 1) {
    throw new UsageError('usage: loch merge FROM [--into BRANCH] [--dry-run]');
  }
  const from = validateRefName(positionals[0]!);
  const { nessie } = lakehouseContext(io);
  const into = await refOrDefault(nessie, values.into, io.signal);
  const dryRun = Boolean(values['dry-run']);
  const result = await nessie.merge({
    from,
    into,
    expectedHash: values['expected-hash'],
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
