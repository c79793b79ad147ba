import { LochError } from '../errors';

/**
 * A platform operation failed for a reason the user can act on. `message` is one line naming
 * the cause; `hint` is the next step. The CLI prints both on one line and exits non-zero.
 */
export class PlatformError extends LochError {
  override readonly name = 'PlatformError';
  declare readonly hint: string;
  constructor(
    message: string,
    hint: string,
    readonly code: PlatformErrorCode,
  ) {
    super(message, { hint });
  }
}

export type PlatformErrorCode =
  | 'no-java'
  | 'port-busy'
  | 'checksum-mismatch'
  | 'download-failed'
  | 'already-starting'
  | 'start-failed'
  | 'not-running'
  | 'seed-failed'
  | 'no-docker'
  | 'missing-tool'
  | 'bad-manifests'
  | 'foreign-context'
  | 'bad-option'
  | 'bad-record';
