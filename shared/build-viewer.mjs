// The results viewer bundle: one classic script (IIFE, global `LochResultsViewer`) and one
// stylesheet, with no inline script or eval, loadable under a strict CSP. Tests and the
// benchmark call buildViewer() too, so they always run the current source.
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export async function buildViewer(outdir = join(here, 'dist', 'viewer')) {
  await build({
    absWorkingDir: here,
    entryPoints: { viewer: 'src/results/browser-entry.ts' },
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'LochResultsViewer',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
  });
  await build({
    absWorkingDir: here,
    entryPoints: { viewer: 'src/results/viewer.css' },
    outdir,
    bundle: true,
    minify: true,
    logLevel: 'warning',
  });
  return { outdir, bytes: statSync(join(outdir, 'viewer.js')).size };
}
