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
  type HistoryEntry as TableHistoryEntry,
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
export {
  RefTypeMismatchError,
  createRef,
  deleteRef,
  deleteRefOfType,
  type DeletedRef,
} from './lakehouse/branches';

// The session: the one place lakehouse behaviour lives (hosts and the CLI adapt it).
export {
  LakehouseSession,
  type CommitEvent,
  type LakehouseSessionOptions,
  type SessionQueryOptions,
} from './lakehouse/session';
export type { MoreRows, QueryOutcome, QueryRun, QueryStatus } from './lakehouse/query-run';
export { QueryHistory, type HistoryEntry } from './lakehouse/history';
export { RefNotQueryableError, RefRouting, lakeStaticCatalogs } from './lakehouse/ref-routing';
export { LakeListing, type ListingDeps } from './lakehouse/catalog-listing';
export type * from './lakehouse/listing-types';
export {
  MAX_PREVIEW_COMMITS,
  MergeConflictsError,
  MergeTargetMovedError,
  MergeTargetNotBranchError,
  mergePreviewed,
  previewMerge,
  type MergeConflict,
  type MergePreview,
} from './lakehouse/merge-preview';
export {
  diffRefs,
  refLog,
  type KeyChange,
  type KeyDiff,
  type RefDiff,
  type RefLog,
} from './lakehouse/ref-changes';
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
export { AuditFailedError, TableNotFoundError } from './lakehouse/errors';

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

// The viewer's backend: one answer to the viewer protocol for every host.
export { ViewerBackend, type ResultEnd, type ResultOrigin } from './viewer/backend';
export {
  deferredSession,
  type ExportEncoder,
  type FileToSave,
  type ThemeKind,
  type ViewerChannel,
  type ViewerConnector,
  type ViewerQueryOptions,
  type ViewerQueryOutcome,
  type ViewerQueryRun,
  type ViewerSession,
} from './viewer/connector';
export { inPageChannel } from './viewer/in-page';

// Text helpers hosts need for notebook outputs.
export { base64ToBytes, bytesToBase64 } from './text/base64';
