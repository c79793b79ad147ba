import * as vscode from 'vscode';
import { splitStatements, WriteAuditPublish } from '@loch/core';
import type { Connection, ConnectionManager } from '../connections/manager';
import type { Logger } from '../log';

/**
 * The guided write-audit-publish, on the core's WriteAuditPublish: 1. a branch from the
 * default branch (with its Trino catalog) becomes the current ref, so every statement run from
 * the editor writes there; 2. the active editor's statements run as audits (each must return no
 * rows); 3. a dry-run merge and the diff are shown, then the merge (and an optional tag); or the
 * branch is discarded. The default branch never changes before step 3.
 */
export class WapGuide {
  private session: { wap: WriteAuditPublish; conn: Connection } | undefined;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly log: Logger,
    private readonly show: (content: string, language?: string) => Promise<void>,
  ) {}

  async run(): Promise<void> {
    const conn = this.connections.require();
    if (!this.session || this.session.conn !== conn) return this.begin(conn);
    const { wap } = this.session;
    const step = await vscode.window.showQuickPick(
      [
        {
          label: `Audit ${wap.branch}`,
          description: 'run the active editor’s statements as audits (each must return no rows)',
          id: 'audit',
        },
        {
          label: `Publish ${wap.branch} into ${wap.into}`,
          description: 'preview the merge (dry run), then merge',
          id: 'publish',
        },
        {
          label: `Discard ${wap.branch}`,
          description: 'delete the branch and its catalog',
          id: 'discard',
        },
      ],
      { placeHolder: `Write-audit-publish on ${wap.branch}` },
    );
    if (step?.id === 'audit') await this.audit(wap);
    else if (step?.id === 'publish') await this.publish(wap);
    else if (step?.id === 'discard') {
      await wap.discard();
      this.session = undefined;
      this.connections.setRef(conn.defaultBranch);
      this.log.info(`write-audit-publish: discarded ${wap.branch}`);
    }
  }

  private async begin(conn: Connection): Promise<void> {
    // The session's ref catalogs, when it knows the lake's properties (a ref catalog copies them).
    const catalogs = conn.lakeCatalogProperties ? conn.session.catalogs : undefined;
    if (!conn.nessie || !catalogs)
      throw new Error(
        `profile "${conn.profile.name}" cannot create branch catalogs (no Nessie URL or lakeCatalogProperties)`,
      );
    const name = await vscode.window.showInputBox({
      prompt: `Write-audit-publish: the branch to write on (from ${conn.defaultBranch})`,
      value: `wap_${new Date().toISOString().slice(0, 19).replace(/\D/g, '')}`,
    });
    if (!name) return;
    const wap = new WriteAuditPublish(
      {
        // The session's own clients and catalogs: its auth and TLS, and the catalogs it routes
        // the branch's queries through.
        nessie: conn.session.nessie,
        catalogs,
        run: conn.session.run,
      },
      name,
      conn.defaultBranch,
    );
    const { catalog } = await wap.begin();
    this.session = { wap, conn };
    this.connections.setRef(name);
    this.log.info(
      `write-audit-publish: ${name} created from ${conn.defaultBranch} (catalog ${catalog})`,
    );
    await this.show(
      `-- Write-audit-publish on branch ${name}: statements run here (Ctrl+Enter) write to ${name}, not ${conn.defaultBranch}.\n` +
        `-- 1. Write, e.g. INSERT INTO demo.orders SELECT ...;\n` +
        `-- 2. Audits: queries selecting violations (no rows = pass), then "Loch: Write-Audit-Publish…" → Audit\n` +
        `SELECT * FROM demo.orders WHERE totalprice < 0;\n`,
      'sql',
    );
  }

  private async audit(wap: WriteAuditPublish): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    const stmts = doc
      ? splitStatements(doc.getText()).filter((s) =>
          /^\s*(--[^\n]*\n\s*)*(SELECT|WITH)\b/i.test(s.sql),
        )
      : [];
    if (stmts.length === 0)
      throw new Error('open a SQL editor with audit queries (SELECT ... returning the violations)');
    const results = await wap.audit(stmts.map((s, i) => ({ name: `audit ${i + 1}`, sql: s.sql })));
    const lines = results.map(
      (r, i) =>
        `| ${r.name} | ${r.passed ? 'passed' : `**failed**: ${r.detail ?? ''}`} | \`${stmts[i]!.sql.replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 100)}\` |`,
    );
    await this.show(
      `# Audits on ${wap.branch}\n\n| audit | result | query |\n| --- | --- | --- |\n${lines.join('\n')}\n`,
    );
    const failed = results.filter((r) => !r.passed).length;
    if (failed)
      void vscode.window.showWarningMessage(
        `Loch: ${failed} audit(s) failed on ${wap.branch}; publishing is refused until they pass.`,
      );
    else
      void vscode.window.showInformationMessage(
        `Loch: all ${results.length} audit(s) passed on ${wap.branch}.`,
      );
  }

  private async publish(wap: WriteAuditPublish): Promise<void> {
    const preview = await wap.preview();
    const changes = preview.changes.map(
      (c) => `| ${c.key} | ${!c.from ? 'added' : !c.to ? 'removed' : 'changed'} |`,
    );
    const conflicts = preview.merge.details.filter((d) => d.conflict);
    await this.show(
      `# Publish ${wap.branch} → ${wap.into} (dry run)\n\n${preview.merge.wasSuccessful ? 'The merge applies cleanly.' : `**Conflicts** on ${conflicts.map((c) => c.key).join(', ')}`}\n\n| table | change |\n| --- | --- |\n${changes.join('\n') || '| (no changes) | |'}\n`,
    );
    if (!preview.merge.wasSuccessful) return;
    const ok = await vscode.window.showInformationMessage(
      `Merge ${wap.branch} into ${wap.into}?`,
      { modal: true },
      'Merge',
    );
    if (ok !== 'Merge') return;
    const tag = await vscode.window.showInputBox({
      prompt: 'Tag the published commit (empty: no tag)',
    });
    const done = await wap.publish({
      tag: tag || undefined,
      message: `Publish ${wap.branch} (Loch write-audit-publish)`,
    });
    // The session's listeners (the view, completion) hear that the target moved.
    this.session?.conn.session.noteCommit({ ref: wap.into, hash: done.hash });
    this.log.info(
      `write-audit-publish: ${wap.branch} merged into ${wap.into} at ${done.hash}${done.tag ? `, tagged ${done.tag.name}` : ''}`,
    );
    this.connections.setRef(wap.into);
    this.session = undefined;
    void vscode.window.showInformationMessage(`Loch: ${wap.branch} published into ${wap.into}.`);
  }
}
