// Runs inside the VS Code that @vscode/test-electron started, with Loch under development.
// CommonJS because VS Code's extension host requires it. No test framework: each check throws.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module VS Code requires */
/* global require, module */
const assert = require('node:assert/strict');
const vscode = require('vscode');

async function run() {
  const ext = vscode.extensions.getExtension('loch.loch');
  assert.ok(ext, 'Loch is loaded');
  assert.equal(ext.isActive, false, 'Loch activates lazily, not at startup');
  const api = await ext.activate();
  assert.equal(typeof api.activationMs, 'number');
  const commands = await vscode.commands.getCommands(true);
  for (const c of [
    'loch.connectLocal',
    'loch.runStatement',
    'loch.switchRef',
    'loch.platform.up',
  ]) {
    assert.ok(commands.includes(c), `${c} is registered`);
  }
  const doc = await vscode.workspace.openTextDocument({
    language: 'sql',
    content: 'SELECT 1;\nSELECT 2;\n',
  });
  const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
  assert.equal(lenses.length, 2, 'a Run CodeLens per statement');
}

module.exports = { run };
