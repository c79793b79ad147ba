#!/usr/bin/env node
// The `loch` command as npm links it. This file is committed, so `npm ci` on a fresh clone
// links node_modules/.bin/loch before anything is built (npm skips a bin whose file is missing,
// and the bundle in dist/ only exists after `npm run build`). It runs the bundle, or says in one
// line how to make it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'loch.mjs');
if (existsSync(bundle)) {
  await import(pathToFileURL(bundle).href);
} else {
  process.stderr.write(
    'loch: the CLI is not built yet: run `npm run build` (or `npm start`) in the Loch checkout\n',
  );
  process.exitCode = 1;
}
