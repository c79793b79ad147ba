/**
 * Write-audit-publish on Nessie: branch from the target (main) -> writes run on the branch
 * through its own Trino catalog -> audit queries -> merge, previewed first with a dry run ->
 * optional tag of the published commit. Until `publish`, the target never changes.
 */
import type { NessieClient } from '../nessie/client';
import { NessieConflictError } from '../nessie/errors';
import { validateRefName } from '../nessie/ref-names';
import type { DiffEntry, MergeResult, Reference } from '../nessie/types';
import { deleteRef } from './branches';
import { AuditFailedError } from './errors';
import type { RefCatalogs } from './ref-catalogs';
import type { SqlResult, SqlRunner } from './sql-runner';

export interface WapDeps {
  nessie: NessieClient;
  catalogs: RefCatalogs;
  run: SqlRunner;
}

/**
 * An audit query run on the branch. Without `check` it passes when it returns no rows (write
 * it to select the violations); `check` may return true, or a string saying what is wrong.
 */
export interface Audit {
  name: string;
  sql: string;
  check?: (result: SqlResult) => boolean | string;
}

export interface AuditResult {
  name: string;
  passed: boolean;
  detail?: string;
  rows: unknown[][];
}

export interface Preview {
  /** The dry-run merge: what would be merged, nothing applied. */
  merge: MergeResult;
  /** Every table changed on the branch relative to the target. */
  changes: DiffEntry[];
  /** The target's hash the preview was made at; `publish` refuses if it moved since. */
  targetHash: string;
}

export interface Published {
  merge: MergeResult;
  /** The target's hash after the merge. */
  hash: string;
  tag?: Reference;
}

export class WriteAuditPublish {
  private branchRef?: Reference;
  private catalogName?: string;
  private audits: AuditResult[] = [];
  private preview_?: Preview;

  /** `branch` is created from `into`'s head and merged back into it. */
  constructor(
    private readonly deps: WapDeps,
    readonly branch: string,
    readonly into = 'main',
  ) {
    validateRefName(branch);
    validateRefName(into);
  }

  /** The branch's Trino catalog (after `begin`). */
  get catalog(): string {
    if (!this.catalogName) throw new Error('call begin() first');
    return this.catalogName;
  }

  /** Creates the branch at `into`'s head and its Trino catalog. */
  async begin(signal?: AbortSignal): Promise<{ branch: Reference; catalog: string }> {
    this.branchRef = await this.deps.nessie.createBranch(this.branch, this.into, signal);
    this.catalogName = (await this.deps.catalogs.ensure(this.branch, signal)).catalog;
    return { branch: this.branchRef, catalog: this.catalogName };
  }

  /** Runs statements on the branch (its catalog is the session's default catalog). */
  async write(statements: string | string[], signal?: AbortSignal): Promise<SqlResult[]> {
    const out: SqlResult[] = [];
    for (const sql of Array.isArray(statements) ? statements : [statements]) {
      out.push(await this.deps.run(sql, { catalog: this.catalog, signal }));
    }
    this.preview_ = undefined;
    return out;
  }

  /** Runs the audits on the branch; all run, and each result says whether it passed. */
  async audit(audits: Audit[], signal?: AbortSignal): Promise<AuditResult[]> {
    this.audits = [];
    for (const a of audits) {
      const result = await this.deps.run(a.sql, { catalog: this.catalog, signal });
      const verdict = a.check
        ? a.check(result)
        : result.rows.length === 0 || `${result.rows.length} violating row(s)`;
      this.audits.push({
        name: a.name,
        passed: verdict === true,
        detail: verdict === true ? undefined : verdict === false ? 'check failed' : verdict,
        rows: result.rows.slice(0, 20),
      });
    }
    return this.audits;
  }

  /** Dry-run merge and diff: what publishing would change. Changes nothing. */
  async preview(signal?: AbortSignal): Promise<Preview> {
    const target = await this.deps.nessie.getReference(this.into, { signal });
    const merge = await this.deps.nessie.merge({
      from: this.branch,
      into: this.into,
      expectedHash: target.hash,
      dryRun: true,
      signal,
    });
    const diff = await this.deps.nessie.diff(this.into, this.branch, {
      fromHash: target.hash,
      signal,
    });
    this.preview_ = { merge, changes: diff.entries, targetHash: target.hash };
    return this.preview_;
  }

  /**
   * Merges the branch into the target. Refuses when an audit failed, when there was no preview
   * since the last write, or when the target moved since the preview; then tags the result.
   */
  async publish(
    options: { tag?: string; message?: string; signal?: AbortSignal } = {},
  ): Promise<Published> {
    const failed = this.audits.find((a) => !a.passed);
    if (failed) throw new AuditFailedError(failed.name, this.branch, failed.detail ?? 'failed');
    if (!this.preview_) throw new Error('preview() the merge before publishing');
    if (options.tag !== undefined) validateRefName(options.tag);
    const { signal } = options;
    const target = await this.deps.nessie.getReference(this.into, { signal });
    if (target.hash !== this.preview_.targetHash) {
      throw new NessieConflictError(
        `${this.into} moved since the preview (was ${this.preview_.targetHash.slice(0, 12)}, now ${target.hash.slice(0, 12)}); preview again`,
        [],
      );
    }
    const merge = await this.deps.nessie.merge({
      from: this.branch,
      into: this.into,
      expectedHash: target.hash,
      message: options.message,
      signal,
    });
    const hash = merge.resultantTargetHash ?? target.hash;
    const tag =
      options.tag === undefined
        ? undefined
        : await this.deps.nessie.createTag(
            options.tag,
            { type: 'BRANCH', name: this.into, hash },
            signal,
          );
    return { merge, hash, tag };
  }

  /** Deletes the branch and its catalog (after publishing, or to abandon the work). */
  async discard(signal?: AbortSignal): Promise<void> {
    await deleteRef(this.deps.nessie, this.deps.catalogs, this.branch, { signal });
  }
}
