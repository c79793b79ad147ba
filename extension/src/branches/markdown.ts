// The branch workflow's documents (merge preview, commit log, diff) as Markdown, from the
// session's results. No `vscode`, so the exact text is unit-tested.
import type { CommitMeta, MergePreview, RefDiff, RefLog } from '@loch/core';

const short = (hash: string | undefined) => `\`${(hash ?? '').slice(0, 12)}\``;

/** A table cell: one line, pipes escaped. */
const cell = (text: string | undefined) =>
  (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

function commitLine(m: CommitMeta): string {
  const who = m.authors?.[0] ?? m.committer ?? '';
  const message = m.message.split('\n')[0];
  return `- ${short(m.hash)} ${m.commitTime ?? ''} **${who}** ${message}`;
}

/** What merging would do: the verdict, conflicts, the commits and the keys it changes. */
export function mergePreviewMarkdown(p: MergePreview): string {
  const { from, into } = p;
  const verdict =
    p.conflicts.length > 0
      ? `**${p.conflicts.length} conflict(s)**: the merge cannot apply.`
      : p.commits.length === 0
        ? `Nothing to merge: ${into.name} already has every commit of ${from.name}.`
        : `The merge applies cleanly: ${p.commits.length}${p.commitsTruncated ? '+' : ''} commit(s), ${p.changedKeys.length} changed key(s).`;
  const parts = [
    `# Merge ${from.name} → ${into.name} (preview)`,
    `${from.name} at ${short(from.hash)} into ${into.name} at ${short(into.hash)}: ` +
      `the merge lands only on this head of ${into.name}.`,
    verdict,
  ];
  if (p.conflicts.length > 0) {
    parts.push(
      `## Conflicts\n\n| key | conflict | message |\n| --- | --- | --- |\n` +
        p.conflicts
          .map((c) => `| ${cell(c.key)} | ${cell(c.conflictType)} | ${cell(c.message)} |`)
          .join('\n'),
    );
  }
  if (p.commits.length > 0) {
    parts.push(
      `## Commits (${p.commits.length}${p.commitsTruncated ? ', older ones not shown' : ''})\n\n` +
        p.commits.map((c) => commitLine(c.commitMeta)).join('\n'),
    );
  }
  if (p.changedKeys.length > 0) {
    parts.push(
      `## Changed keys (${p.changedKeys.length})\n\n` +
        p.changedKeys.map((k) => `- ${k}`).join('\n'),
    );
  }
  return `${parts.join('\n\n')}\n`;
}

/** A ref's commits, newest first; `limit` says whether older ones may exist. */
export function commitLogMarkdown(log: RefLog, limit: number): string {
  const lines = log.commits.map(commitLine);
  const more = log.commits.length === limit ? `\n\n… (only the newest ${limit} shown)` : '';
  return `# Commit log of ${log.ref.name} at ${short(log.ref.hash)}\n\n${lines.join('\n')}${more}\n`;
}

/** The keys that differ between two refs, each with its change. */
export function diffMarkdown(d: RefDiff): string {
  const rows = d.changes.map((c) => `| ${cell(c.key)} | ${cell(c.contentType)} | ${c.change} |`);
  return (
    `# Diff ${d.from.name} → ${d.to.name}\n\n` +
    `${d.from.name} at ${short(d.from.hash)}, ${d.to.name} at ${short(d.to.hash)}\n\n` +
    `| key | type | change |\n| --- | --- | --- |\n${rows.join('\n') || '| (no differences) | | |'}\n`
  );
}
