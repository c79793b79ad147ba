// Which statement of a SQL file "Run Statement" means, and where in the file a Trino error
// position points. Pure text logic over the core's splitter; no `vscode`.
import { splitStatements, type SqlStatement } from '@loch/core';

/**
 * The statement under the cursor: the one whose text contains the offset, else the nearest
 * one before it (the cursor sits after its `;` or on a blank line below it), else the first.
 */
export function statementAt(text: string, offset: number): SqlStatement | undefined {
  const all = splitStatements(text);
  if (all.length === 0) return undefined;
  const inside = all.find((s) => offset >= s.start && offset <= s.end);
  if (inside) return inside;
  const before = all.filter((s) => s.end <= offset).at(-1);
  return before ?? all[0];
}

/**
 * Where each statement the core split from `text` starts in it, asked in order: the core's
 * statements are verbatim slices of the text, so each is found after the previous one. -1 when
 * a statement is not in the text.
 */
export class StatementLocator {
  private from = 0;

  constructor(private readonly text: string) {}

  locate(sql: string): number {
    const at = this.text.indexOf(sql, this.from);
    if (at >= 0) this.from = at + sql.length;
    return at;
  }
}

/** 0-based line and character of an offset. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/**
 * Where in the document a Trino error at 1-based `line`:`column` of a statement is: the
 * statement's own text starts at `statementStart` in the document.
 */
export function errorPosition(
  text: string,
  statementStart: number,
  line: number,
  column: number,
): { line: number; character: number } {
  const start = positionAt(text, statementStart);
  const lineIdx = start.line + (line - 1);
  const character = (line === 1 ? start.character : 0) + (column - 1);
  return { line: lineIdx, character };
}
