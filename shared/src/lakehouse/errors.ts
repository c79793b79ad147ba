/** Errors of the lakehouse layer (refs as catalogs, table details, write-audit-publish). */
import { LochError } from '../errors';

/** The table does not exist on the ref (or in the catalog) it was looked up in. */
export class TableNotFoundError extends LochError {
  override readonly name = 'TableNotFoundError';
  readonly code = 'table-not-found';
  constructor(
    readonly table: string,
    readonly where: string,
  ) {
    super(`no table ${table} on ${where}`);
  }
}

/** An audit query of write-audit-publish failed its check; nothing was merged. */
export class AuditFailedError extends LochError {
  override readonly name = 'AuditFailedError';
  readonly code = 'audit-failed';
  constructor(
    readonly audit: string,
    readonly branch: string,
    detail: string,
  ) {
    super(`audit '${audit}' failed on ${branch}: ${detail}; nothing was merged`);
  }
}
