import * as vscode from 'vscode';
import { splitStatements } from '@loch/core';

/** "▶ Run" above every statement of a SQL file, running exactly that statement. */
export class RunStatementCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    return splitStatements(doc.getText()).map((s) => {
      const pos = doc.positionAt(s.start);
      return new vscode.CodeLens(new vscode.Range(pos, pos), {
        title: '$(play) Run',
        tooltip: 'Loch: run this statement on the current branch',
        command: 'loch.runStatement',
        arguments: [doc.uri, s.start],
      });
    });
  }
}
