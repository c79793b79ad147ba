import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

// The architecture's boundaries are lint rules; this proves the rules fire where they should
// and stay quiet where Node is allowed.
const root = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const code = (mod: string) => `import * as m from '${mod}';\nexport const x = m;\n`;

test('shared/ never imports the VS Code or JupyterLab APIs', async () => {
  assert.deepEqual(await restrictedImports('shared/src/trino/x.ts', code('vscode')), [
    "'vscode' import is restricted from being used. shared/ is host-agnostic: adapt it in extension/.",
  ]);
  assert.equal(
    (await restrictedImports('shared/src/platform/x.ts', code('@jupyterlab/application'))).length,
    1,
  );
});

test('browser-safe shared code never imports Node built-ins; platform/ and cli/ may', async () => {
  assert.equal((await restrictedImports('shared/src/results/x.ts', code('node:fs'))).length, 1);
  assert.deepEqual(await restrictedImports('shared/src/platform/x.ts', code('node:fs')), []);
  assert.deepEqual(await restrictedImports('shared/src/cli/x.ts', code('node:fs')), []);
});

test('the hosts may import their own APIs', async () => {
  assert.deepEqual(await restrictedImports('extension/src/x.ts', code('vscode')), []);
});
