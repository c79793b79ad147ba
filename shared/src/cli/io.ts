import { LochError } from '../errors';

/** What a CLI command writes to and reads from; tests pass their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C so long commands stop what they started. */
  signal: AbortSignal;
  isTTY: boolean;
}

/** A user mistake on the command line: printed as one line with the usage, exit code 2. */
export class UsageError extends LochError {
  override readonly name = 'UsageError';
  readonly code = 'usage';
}
