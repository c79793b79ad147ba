// Reads Iceberg metadata files from this machine's disk, for the hosts that run under Node (the
// CLI, the VS Code extension). A browser host has no such reader: its table details keep Trino's
// view of the schema, without field ids.
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MetadataReader } from '../lakehouse/table-details';

/**
 * `local:///…` locations resolve under the lake catalog's `local.location` (where the local
 * platform's warehouse lives) and may not leave it; `file:` URLs are read as they are. The
 * properties are a function so they are resolved only when a file is actually read.
 */
export function localMetadataReader(properties: () => Record<string, string>): MetadataReader {
  return async (location) => {
    if (location.startsWith('local:///')) {
      const root = properties()['local.location'];
      if (!root) throw new Error(`cannot resolve ${location}: the lake has no local.location`);
      const path = resolve(root, location.slice('local:///'.length));
      if (relative(root, path).startsWith('..')) throw new Error(`${location} is outside the lake`);
      return readFile(path, 'utf8');
    }
    if (location.startsWith('file:')) return readFile(fileURLToPath(location), 'utf8');
    throw new Error(`cannot read ${location} from here`);
  };
}
