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

/** Every boundary message (static, dynamic and type-position imports) for `code` in `file`. */
async function boundaryMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

const deep =
  'Hosts import only @loch/core, @loch/core/node and @loch/core/viewer: export what you need from shared/src/index.ts, node.ts or viewer.ts.';
const byPath =
  'Hosts reach the core through its package entries (@loch/core...), never shared/src by path.';

test('the hosts import @loch/core, @loch/core/node and @loch/core/viewer, nothing deeper', async () => {
  for (const host of ['extension/src/x.ts', 'jupyterlab-plugin/src/sidebar/x.ts']) {
    assert.deepEqual(await boundaryMessages(host, code('@loch/core')), []);
    assert.deepEqual(await boundaryMessages(host, code('@loch/core/node')), []);
    assert.deepEqual(await boundaryMessages(host, code('@loch/core/viewer')), []);
    assert.deepEqual(await boundaryMessages(host, code('@loch/core/trino/client')), [
      `'@loch/core/trino/client' import is restricted from being used by a pattern. ${deep}`,
    ]);
    assert.deepEqual(await boundaryMessages(host, code('@loch/core/node/x')), [
      `'@loch/core/node/x' import is restricted from being used by a pattern. ${deep}`,
    ]);
  }
});

test('the hosts never reach into shared/src by a relative path', async () => {
  assert.deepEqual(
    await boundaryMessages('extension/src/sql/x.ts', code('../../../shared/src/trino/client')),
    [
      `'../../../shared/src/trino/client' import is restricted from being used by a pattern. ${byPath}`,
    ],
  );
  assert.deepEqual(await boundaryMessages('extension/src/sql/x.ts', code('./shared-source')), []);
});

test('dynamic and type-position imports are held to the same boundary', async () => {
  const host = 'extension/src/x.ts';
  assert.deepEqual(
    await boundaryMessages(host, "export const f = () => import('@loch/core/platform/paths');\n"),
    [deep],
  );
  assert.deepEqual(
    await boundaryMessages(
      host,
      "export type K = typeof import('@loch/core/platform/kind/kind');\n",
    ),
    [deep],
  );
  assert.deepEqual(
    await boundaryMessages(host, "export const f = () => import('../../shared/src/x');\n"),
    [byPath],
  );
  assert.deepEqual(
    await boundaryMessages(host, "export type N = typeof import('@loch/core/node');\n"),
    [],
  );
});

test('the hosts as they are pass the boundary', async () => {
  const results = await eslint.lintFiles(['extension/src', 'jupyterlab-plugin/src']);
  const found = results.flatMap((r) =>
    r.messages
      .filter((m) => m.message === deep || m.message.endsWith(deep) || m.message.endsWith(byPath))
      .map((m) => `${r.filePath}:${m.line}`),
  );
  assert.deepEqual(found, []);
});
