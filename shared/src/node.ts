// @loch/core/node: the Node-only public entry, for the VS Code extension host and the CLI.
// The local platform (bring-up, status, seed, its record), reading Iceberg metadata from the
// local lake, exports to files and TLS for HTTPS coordinators. Browser-safe parts are in
// `@loch/core`.
//
// Three parts are heavy, and a host loads them only when used: the file export (it
// instantiates parquet-wasm), TLS (undici) and the kind platform (a Kubernetes client). The
// export is a lazy import; TLS and kind are bundled apart by the extension's build (from
// trino/node-tls.ts and platform/kind/kind.ts) and required on demand, so here they are types.

export {
  DEFAULT_NESSIE_PORT,
  DEFAULT_TRINO_PORT,
  LOCH_USER,
  endpointsOf,
  lakeCatalogOf,
  localDown,
  localStatus,
  localUp,
  nessieAnswers,
  nessieApiUrl,
  trinoAnswers,
  type Endpoints,
  type LocalOptions,
  type PlatformStatus,
  type ServiceStatus,
  type UpResult,
} from './platform/local';
export { PlatformError, type PlatformErrorCode } from './platform/errors';
export {
  PLATFORM_RECORD_VERSION,
  readRecord,
  recordPath,
  type PlatformRecord,
  type ServiceName,
  type ServiceRecord,
  type ServiceState,
} from './platform/state';
export { cacheDir, resourceRoot, stateDir } from './platform/paths';
export { DEMO_TABLES, seed, seedScripts, seedSummary, type SeedSummary } from './platform/seed';
export { localMetadataReader } from './platform/metadata-reader';

/** The file export (CSV, Parquet, Arrow, JSON), loaded on first use: see above. */
export const loadExport = (): Promise<typeof import('./results/export-node/export')> =>
  import('./results/export-node/export');
export type { ExportError, ExportResult } from './results/export-node/export';

/** `nodeTlsFetch(tls)`: a fetch that applies a profile's TLS options (the `tls` bundle). */
export type NodeTlsModule = typeof import('./trino/node-tls');
/** `kindUp`, `kindDown`, `kindStatus` of the kind platform (the `kind` bundle). */
export type KindModule = typeof import('./platform/kind/kind');
