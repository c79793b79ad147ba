// The standard harness for extension authors: @vscode/test-electron downloads a VS Code build
// and runs suite/index.cjs inside it with Loch loaded from this folder. Where VS Code cannot be
// downloaded (no route to update.code.visualstudio.com) it prints "SKIPPED: <why>" and exits 0;
// the e2e tests in real code-server cover the same ground then.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const here = dirname(fileURLToPath(import.meta.url));
const DOWNLOAD_HOST = 'https://update.code.visualstudio.com/api/releases/stable';

async function reachable() {
  try {
    const r = await globalThis.fetch(DOWNLOAD_HOST, {
      signal: globalThis.AbortSignal.timeout(8_000),
    });
    return r.ok ? undefined : `${DOWNLOAD_HOST} answered HTTP ${r.status}`;
  } catch (e) {
    return `cannot reach ${DOWNLOAD_HOST} to download VS Code (${e.cause?.code ?? e.message})`;
  }
}

const why = await reachable();
if (why) {
  process.stdout.write(`SKIPPED: ${why}\n`);
  process.exit(0);
}
try {
  await runTests({
    extensionDevelopmentPath: resolve(here, '..'),
    extensionTestsPath: join(here, 'suite', 'index.cjs'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  process.stderr.write(`test-electron failed: ${e.message ?? e}\n`);
  process.exit(1);
}
