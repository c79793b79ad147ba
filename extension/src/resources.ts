import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The environment for the core's platform code: a packaged extension carries
 * platform-manifests/ and samples/ in dist/resources (LOCH_RESOURCES); from a checkout the core
 * finds them itself.
 */
export function resourcesEnv(extensionPath: string): NodeJS.ProcessEnv {
  const resources = join(extensionPath, 'dist', 'resources');
  return existsSync(join(resources, 'platform-manifests'))
    ? { ...process.env, LOCH_RESOURCES: process.env.LOCH_RESOURCES ?? resources }
    : process.env;
}
