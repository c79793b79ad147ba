// Bundles the `loch` CLI into one file so it starts fast and runs without tsx, and the results
// viewer for browsers (webviews, JupyterLab, tests): dist/viewer/viewer.js + viewer.css.
import { build } from 'esbuild';
import { buildViewer } from './build-viewer.mjs';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/loch.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __lochRequire } from 'node:module'; const require = __lochRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// The kind platform's detached port-forwarder (spawned by `loch up --mode kind`), beside loch.mjs.
await build({
  entryPoints: ['src/platform/kind/forward-main.ts'],
  outfile: 'dist/loch-forward.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: {
    js: "import { createRequire as __lochRequire } from 'node:module'; const require = __lochRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

await buildViewer();
