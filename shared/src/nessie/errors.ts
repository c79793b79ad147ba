/**
 * What the Nessie client throws. Two separate families under `NessieError`: transport
 * problems (unreachable, non-JSON answers) are `NessieTransportError`; errors Nessie itself
 * reports are `NessieApiError` or one of its subclasses, each with Nessie's `errorCode`. An API
 * error is not a transport error: Nessie was reached and said no. Bad input caught before any
 * request is `InvalidRefNameError`.
 */
import { firstLine, LochError } from '../errors';

/** A printable form of untrusted input for an error message: bounded and with no controls. */
export function printable(input: string, max = 80): string {
  const s = JSON.stringify(String(input)).slice(1, -1);
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** Any failure of a Nessie request; `status` is the HTTP status when there was an answer. */
export abstract class NessieError extends LochError {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Nessie could not be reached, or answered with something that is not Nessie's JSON. */
export class NessieTransportError extends NessieError {
  override readonly name: string = 'NessieTransportError';
  /** `nessie-unreachable` without an answer, `nessie-http` for an answer that is not Nessie's. */
  readonly code: string;
  constructor(message: string, status?: number) {
    super(message, status);
    this.code = status === undefined ? 'nessie-unreachable' : 'nessie-http';
  }
}

/** Nessie answered with its error document (`{status, reason, message, errorCode}`). */
export class NessieApiError extends NessieError {
  override readonly name: string = 'NessieApiError';
  readonly code: string = 'nessie-api';
  constructor(
    message: string,
    status: number,
    readonly errorCode: string,
  ) {
    super(message, status);
  }

  override oneLine(): string {
    return `Nessie ${this.errorCode}: ${firstLine(this.message)}`;
  }
}

/** A named reference (branch or tag) or a content key does not exist. */
export class NessieNotFoundError extends NessieApiError {
  override readonly name: string = 'NessieNotFoundError';
  override readonly code: string = 'nessie-not-found';
  override oneLine(): string {
    return firstLine(this.message);
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
  override readonly code: string = 'nessie-conflict';
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
    return `${firstLine(this.message).replace(/\.$/, '')}; nothing was changed`;
  }
}

/** A reference name or hash broke Nessie's rules; refused before anything was sent. */
export class InvalidRefNameError extends LochError {
  override readonly name = 'InvalidRefNameError';
  readonly code = 'invalid-ref-name';
  constructor(
    readonly input: string,
    readonly rule: string,
  ) {
    super(`invalid reference '${printable(input)}': ${rule}`);
  }
}
