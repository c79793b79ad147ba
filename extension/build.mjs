// Bundles the extension host code (CommonJS, `vscode` provided by the host) and the notebook
// renderer (an ES module that runs in the notebook's webview), and copies the shared results
// viewer bundle so the webview loads it from the extension's own folder.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const production = process.env.LOCH_DEV !== '1';

await build({
  entryPoints: [join(here, 'src/extension.ts')],
  outfile: join(here, 'dist/extension.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  // The core finds its resources from import.meta.url, which a CommonJS bundle lacks.
  define: { 'import.meta.url': '__lochImportMetaUrl' },
  // __lochLoadStart: when the bundle began to load, so activate() can report load + activate.
  banner: {
    js: "globalThis.__lochLoadStart = performance.now(); const __lochImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  },
  logLevel: 'warning',
});

// The kind platform (its Kubernetes client is large): its own bundle, loaded by a kind command.
await build({
  entryPoints: [join(here, '..', 'shared', 'src', 'platform', 'kind', 'kind.ts')],
  outfile: join(here, 'dist/kind.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  define: { 'import.meta.url': '__lochImportMetaUrl' },
  banner: { js: "const __lochImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
// The core's detached port-forwarder for the kind platform, spawned as a Node script.
await build({
  entryPoints: [join(here, '..', 'shared', 'src', 'platform', 'kind', 'forward-main.ts')],
  outfile: join(here, 'dist/loch-forward.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: production,
  banner: {
    js: "import { createRequire as __lochRequire } from 'node:module'; const require = __lochRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// undici (TLS options only) in its own bundle, required on demand by src/connections/tls.ts.
await build({
  entryPoints: [join(here, '..', 'shared', 'src', 'trino', 'node-tls.ts')],
  outfile: join(here, 'dist/tls.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  logLevel: 'warning',
});

await build({
  entryPoints: { renderer: join(here, 'src/renderer/index.ts') },
  outdir: join(here, 'dist'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: production,
  logLevel: 'warning',
});

// parquet-wasm (Parquet export) reads its wasm from beside the bundle.
const require = createRequire(import.meta.url);
const wasm = join(dirname(require.resolve('parquet-wasm/node')), 'parquet_wasm_bg.wasm');
cpSync(wasm, join(here, 'dist', 'parquet_wasm_bg.wasm'));

const viewer = join(here, '..', 'shared', 'dist', 'viewer');
if (existsSync(viewer)) {
  mkdirSync(join(here, 'dist'), { recursive: true });
  cpSync(viewer, join(here, 'dist', 'viewer'), { recursive: true });
}
