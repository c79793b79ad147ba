// Re-renders platform-manifests/base/rendered/ from platform-manifests/config after a config
// change: `npx tsx shared/src/platform/kind/render-main.ts`.
import { resourceRoot } from '../paths';
import { writeKindConfig } from './rendered-config';

for (const path of await writeKindConfig(resourceRoot())) process.stdout.write(`${path}\n`);
