// @loch/core: the browser-safe public entry. Everything here runs in a browser (JupyterLab, a
// webview) as well as in Node, with `fetch` injected by the host. Node-only parts (the local
// platform, exports to files, TLS) are in `@loch/core/node`; the results viewer for a DOM (with
// vega) in `@loch/core/viewer`. Hosts import only these entries; a lint rule refuses deep
// imports, so what is not listed in them is the core's own.

// Errors: one base, one line to print.
export { LochError, errorLine } from './errors';

// Trino: the client, its queries, errors and auth.
export {
  TrinoClient,
  TrinoQuery,
  isLoopbackUrl,
  type QueryOptions,
  type QuerySummary,
  type StatementResult,
  type TrinoAuth,
  type TrinoClientOptions,
  type TrinoColumn,
  type TrinoProgress,
  type TrinoSession,
  type TrinoTlsOptions,
  type TrinoTypeSignature,
} from './trino/client';
export {
  TrinoQueryError,
  TrinoTransportError,
  abortError,
  type TrinoTransportKind,
} from './trino/errors';
export { parseExternalAuthChallenge, type ExternalAuthChallenge } from './trino/auth';

// Nessie: the client, its data types, ref-name rules and errors.
export {
  NessieClient,
  type ListReferencesOptions,
  type MergeOptions,
  type NessieConnection,
  type TransplantOptions,
} from './nessie/client';
export type * from './nessie/types';
export { isIcebergTable } from './nessie/types';
export {
  InvalidRefNameError,
  NessieApiError,
  NessieConflictError,
  NessieError,
  NessieNotFoundError,
  NessieTransportError,
  type NessieConflict,
} from './nessie/errors';
export {
  REF_NAME_RULE,
  isValidHash,
  isValidRefName,
  refNameProblem,
  validateHash,
  validateRefName,
} from './nessie/ref-names';

// The lakehouse layer: refs as Trino catalogs, pins, table details, branches, WAP.
export {
  REF_CATALOG_PREFIX,
  RefCatalogs,
  createCatalogSql,
  lakeCatalogRef,
  refCatalogName,
  type RefCatalog,
  type RefCatalogsOptions,
} from './lakehouse/ref-catalogs';
export { rowObjects, type SqlResult, type SqlRunner } from './lakehouse/sql-runner';
export {
  pinQuery,
  pinSnapshots,
  pinTables,
  pinnedFromClauses,
  tablesReadBy,
  type InputTable,
  type PinnedTable,
  type ResultPin,
} from './lakehouse/pinning';
export {
  tableDetails,
  timeTravelClause,
  timeTravelSql,
  type DataFile,
  type HistoryEntry,
  type Manifest,
  type MetadataReader,
  type PartitionField,
  type PartitionSummary,
  type SchemaField,
  type Snapshot,
  type SnapshotRef,
  type SortField,
  type TableDetails,
  type TableDetailsOptions,
  type TableName,
} from './lakehouse/table-details';
export { deleteRef, type DeletedRef } from './lakehouse/branches';
export {
  WriteAuditPublish,
  type Audit,
  type AuditResult,
  type Preview,
  type Published,
  type WapDeps,
} from './lakehouse/write-audit-publish';
export {
  UnsafeSqlInputError,
  parseQualifiedName,
  qualifiedName,
  quoteIdentifier,
  quoteLiteral,
  validateIdentifier,
} from './lakehouse/sql-text';
export { AuditFailedError, RefNotQueryableError, TableNotFoundError } from './lakehouse/errors';

// SQL text and charts' SQL.
export { splitStatements, type SqlStatement } from './sql/statements';
export { asSubquery, doubleLiteral, quoteIdent, quoteString } from './charts/sql-text';

// Arrow: Trino pages as Arrow, IPC for the viewer.
export { ipcArrayBuffer, tableFromIpc, tableToIpc, type IpcFormat } from './arrow/ipc';
export { InexactNumberError } from './arrow/decoders';

// Results: the viewer protocol, its host channels and text writers (no DOM).
export * from './results/messages';
export { portHost, windowHost, type Disposable, type ViewerHost } from './results/host';
export {
  csvWriter,
  jsonWriter,
  writeResult,
  type BatchSource,
  type ResultWriter,
} from './results/text-writers';

// Text helpers hosts need for notebook outputs.
export { base64ToBytes, bytesToBase64 } from './text/base64';
