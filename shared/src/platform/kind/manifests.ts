import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { PlatformError } from '../errors';
import { kustomizeBuild } from './tools';

/** The fields Loch reads of any Kubernetes object; the rest passes through untouched. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
}

/** The add-on overlays under platform-manifests/addons/, each also a kustomize Component. */
export const ADDONS = ['autoscaling', 'streaming', 'elt'] as const;
export type Addon = (typeof ADDONS)[number];

export const NAMESPACE = 'loch';

export function manifestsDir(resources: string): string {
  return join(resources, 'platform-manifests');
}

export function parseManifests(text: string, source: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) {
      throw new PlatformError(
        `${source}: ${doc.errors[0]!.message.split('\n')[0]}`,
        'fix the YAML',
        'bad-manifests',
      );
    }
    const obj = doc.toJS() as KubeObject | null;
    if (obj === null) continue;
    if (!obj.apiVersion || !obj.kind || !obj.metadata?.name) {
      throw new PlatformError(
        `${source}: an object without apiVersion, kind or metadata.name`,
        'fix the manifest',
        'bad-manifests',
      );
    }
    out.push(obj);
  }
  return out;
}

const APPLY_FIRST = ['Namespace', 'CustomResourceDefinition', 'ServiceAccount', 'Secret'];

/** Namespaces and CRDs before what lives in them; otherwise kustomize's order is kept. */
export function applyOrder(objects: KubeObject[]): KubeObject[] {
  const rank = (o: KubeObject) => {
    const i = APPLY_FIRST.indexOf(o.kind);
    return i < 0 ? APPLY_FIRST.length : i;
  };
  return objects
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i)
    .map(({ o }) => o);
}

/**
 * Builds the core platform, plus the chosen add-ons as kustomize Components, into objects.
 * With add-ons, a throwaway kustomization names the base and each add-on's component.
 */
export async function buildPlatform(
  resources: string,
  addons: readonly Addon[] = [],
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): Promise<KubeObject[]> {
  const root = manifestsDir(resources);
  if (addons.length === 0) {
    return parseManifests(await kustomizeBuild(root, env, signal), root);
  }
  const dir = await mkdtemp(join(tmpdir(), 'loch-kustomize-'));
  try {
    const rel = (p: string) => relative(dir, join(root, p));
    const kustomization = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      `  - ${rel('base')}`,
      'components:',
      ...addons.map((a) => `  - ${rel(join('addons', a, 'component'))}`),
      '',
    ].join('\n');
    await writeFile(join(dir, 'kustomization.yaml'), kustomization);
    return parseManifests(
      await kustomizeBuild(dir, env, signal),
      `platform + ${addons.join(', ')}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
