/** The Nessie REST API v2 documents Loch reads, as the 0.99 server sends them. */

export type RefType = 'BRANCH' | 'TAG';

export interface CommitMeta {
  hash: string;
  message: string;
  committer?: string;
  authors?: string[];
  commitTime?: string;
  authorTime?: string;
  parentCommitHashes?: string[];
  allProperties?: Record<string, string[]>;
}

/** Present when references are listed or fetched with `fetch: 'ALL'`. */
export interface ReferenceMetadata {
  numCommitsAhead?: number | null;
  numCommitsBehind?: number | null;
  commitMetaOfHEAD?: CommitMeta | null;
  commonAncestorHash?: string | null;
  numTotalCommits?: number | null;
}

export interface Reference {
  type: RefType;
  name: string;
  hash: string;
  metadata?: ReferenceMetadata;
}

export interface NessieConfig {
  defaultBranch: string;
  specVersion?: string;
  actualApiVersion?: number;
  minSupportedApiVersion?: number;
  maxSupportedApiVersion?: number;
  noAncestorHash?: string;
}

/**
 * An Iceberg table's pointer in Nessie. `snapshotId` is a decimal string: Iceberg snapshot ids
 * are 64-bit and do not fit a JavaScript number.
 */
export interface IcebergTableContent {
  type: 'ICEBERG_TABLE';
  id: string;
  metadataLocation: string;
  snapshotId: string;
  schemaId: number;
  specId: number;
  sortOrderId: number;
}

export interface OtherContent {
  type: Exclude<string, 'ICEBERG_TABLE'>;
  id: string;
  elements?: string[];
  metadataLocation?: string;
}

export type Content = IcebergTableContent | OtherContent;

export function isIcebergTable(c: Content | undefined): c is IcebergTableContent {
  return c?.type === 'ICEBERG_TABLE';
}

export interface Entry {
  /** `NAMESPACE`, `ICEBERG_TABLE`, `ICEBERG_VIEW`, ... */
  type: string;
  /** Dotted key, e.g. `demo.orders`. */
  key: string;
  elements: string[];
  contentId?: string;
  content?: Content;
}

export interface LogEntry {
  commitMeta: CommitMeta;
  parentCommitHash?: string;
}

export interface LogPage {
  entries: LogEntry[];
  hasMore: boolean;
  /** Pass back as `pageToken` for the next page. */
  token?: string;
}

export interface DiffEntry {
  key: string;
  elements: string[];
  /** Absent when the key only exists on the `to` side. */
  from?: Content;
  /** Absent when the key only exists on the `from` side. */
  to?: Content;
}

export interface Diff {
  from: Reference;
  to: Reference;
  entries: DiffEntry[];
}

export interface MergeDetail {
  key: string;
  mergeBehavior?: string;
  conflict?: { conflictType?: string; message?: string };
}

export interface MergeResult {
  wasApplied: boolean;
  wasSuccessful: boolean;
  /** The target's hash after the operation (its unchanged hash for a dry run). */
  resultantTargetHash?: string;
  commonAncestor?: string;
  targetBranch: string;
  effectiveTargetHash?: string;
  expectedHash?: string;
  details: MergeDetail[];
}

export type Operation =
  | { type: 'PUT'; key: string[]; content: Record<string, unknown> }
  | { type: 'DELETE'; key: string[] };

export interface CommitResult {
  branch: Reference;
  addedContents?: { key: string; contentId: string }[];
}
