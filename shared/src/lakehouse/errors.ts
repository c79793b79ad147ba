/** Errors of the lakehouse layer (refs as catalogs, table details, write-audit-publish). */

/** The table does not exist on the ref (or in the catalog) it was looked up in. */
export class TableNotFoundError extends Error {
  override readonly name = 'TableNotFoundError';
  constructor(
    readonly table: string,
    readonly where: string,
  ) {
    super(`no table ${table} on ${where}`);
  }
  oneLine(): string {
    return this.message;
  }
}

/** An audit query of write-audit-publish failed its check; nothing was merged. */
export class AuditFailedError extends Error {
  override readonly name = 'AuditFailedError';
  constructor(
    readonly audit: string,
    readonly branch: string,
    detail: string,
  ) {
    super(`audit '${audit}' failed on ${branch}: ${detail}; nothing was merged`);
  }
  oneLine(): string {
    return this.message;
  }
}
