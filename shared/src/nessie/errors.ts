/**
 * What the Nessie client throws. Transport problems (unreachable, non-JSON answers) are
 * `NessieTransportError`; errors Nessie reports are `NessieApiError` or one of its subclasses,
 * each with Nessie's `errorCode`; bad input caught before any request is `InvalidRefNameError`.
 */
/** A printable form of untrusted input for an error message: bounded and with no controls. */
export function printable(input: string, max = 80): string {
  const s = JSON.stringify(String(input)).slice(1, -1);
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** Nessie could not be reached or answered with an HTTP error. */
export class NessieTransportError extends Error {
  override readonly name: string = 'NessieTransportError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }

  oneLine(): string {
    return this.message.split('\n')[0]!;
  }
}

/** Nessie answered with its error document (`{status, reason, message, errorCode}`). */
export class NessieApiError extends NessieTransportError {
  override readonly name: string = 'NessieApiError';
  constructor(
    message: string,
    status: number,
    readonly errorCode: string,
  ) {
    super(message, status);
  }

  override oneLine(): string {
    return `Nessie ${this.errorCode}: ${this.message.split('\n')[0]}`;
  }
}

/** A named reference (branch or tag) or a content key does not exist. */
export class NessieNotFoundError extends NessieApiError {
  override readonly name: string = 'NessieNotFoundError';
  override oneLine(): string {
    return this.message.split('\n')[0]!;
  }
}

/** One conflicting content key of a merge, transplant or commit. */
export interface NessieConflict {
  /** Dotted content key, e.g. `demo.orders`. */
  key: string;
  conflictType?: string;
  message?: string;
}

/**
 * A merge, transplant, assignment or commit conflicted: a key changed on both sides, or the
 * reference is not at the expected hash (someone else moved it). `keys` names every
 * conflicting content key (empty when the conflict is about the reference hash only); nothing
 * was changed on any reference.
 */
export class NessieConflictError extends NessieApiError {
  override readonly name: string = 'NessieConflictError';
  constructor(
    message: string,
    readonly conflicts: NessieConflict[],
    status = 409,
    errorCode = 'REFERENCE_CONFLICT',
  ) {
    super(message, status, errorCode);
  }

  get keys(): string[] {
    return this.conflicts.map((c) => c.key);
  }

  override oneLine(): string {
    return `${this.message.split('\n')[0]!.replace(/\.$/, '')}; nothing was changed`;
  }
}

/** A reference name or hash broke Nessie's rules; refused before anything was sent. */
export class InvalidRefNameError extends Error {
  override readonly name = 'InvalidRefNameError';
  constructor(
    readonly input: string,
    readonly rule: string,
  ) {
    super(`invalid reference '${printable(input)}': ${rule}`);
  }

  oneLine(): string {
    return this.message;
  }
}
