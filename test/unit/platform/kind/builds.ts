// The kustomize builds every kind test reads: the core platform and each add-on overlay, built
// with the pinned kustomize (built from the Go module proxy into ~/.cache/loch/bin on first use).
import { dirname, join } from 'node:path';
import { parseManifests, type KubeObject } from '../../../../shared/src/platform/kind/manifests';
import { resourceRoot } from '../../../../shared/src/platform/paths';
import {
  ensureGoTool,
  findProgram,
  kustomizeBuild,
} from '../../../../shared/src/platform/kind/tools';

export const root = resourceRoot();
export const manifests = join(root, 'platform-manifests');

/** Folder (relative to platform-manifests/) -> what it builds. */
export const BUILDS = ['.', 'addons/autoscaling', 'addons/streaming', 'addons/elt'] as const;

const cache = new Map<string, Promise<KubeObject[]>>();

export async function build(dir: (typeof BUILDS)[number]): Promise<KubeObject[]> {
  let p = cache.get(dir);
  if (!p) {
    // Always the pinned kustomize in Loch's tool folder, never a kubectl or another kustomize
    // that may be on PATH: only Go stays on the PATH, to build it when it is missing.
    const go = findProgram('go');
    const env = { ...process.env, PATH: go ? dirname(go) : '' };
    p = ensureGoTool('kustomize', env).then(() =>
      kustomizeBuild(join(manifests, dir), env).then((text) => parseManifests(text, dir)),
    );
    cache.set(dir, p);
  }
  return p;
}

export function byKind(objects: KubeObject[], kind: string, name: string): KubeObject {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind}/${name}`);
  return o;
}
