import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readModeValues, renderNessieProperties, renderTrinoEtc, type Values } from '../config';

/**
 * The kind platform's Trino and Nessie settings, rendered from the same templates as local mode
 * (platform-manifests/config) with values/kind.properties. The kustomize base turns these files
 * into ConfigMaps (platform-manifests/base/kustomization.yaml), so they are committed under
 * platform-manifests/base/rendered/ and a test checks they equal a fresh render.
 */
export function renderedDir(resources: string): string {
  return join(resources, 'platform-manifests', 'base', 'rendered');
}

export function kindValues(resources: string): Values {
  return readModeValues(resources, 'kind');
}

/**
 * A worker's config.properties: the coordinator's with `coordinator=false` and without the
 * scheduling setting that only a coordinator reads. The templates describe one node that is
 * both, as local mode runs it; a kind worker differs in exactly these two lines.
 */
export function workerConfig(coordinatorConfig: string): string {
  let flipped = false;
  const lines = coordinatorConfig.split('\n').flatMap((line) => {
    if (line.trim() === 'coordinator=true') {
      flipped = true;
      return ['coordinator=false'];
    }
    return line.startsWith('node-scheduler.include-coordinator=') ? [] : [line];
  });
  if (!flipped) throw new Error('config.properties has no `coordinator=true` line to flip');
  return lines.join('\n');
}

/** Every rendered file, keyed by its path under platform-manifests/base/rendered/. */
export function renderKindConfig(resources: string): Map<string, string> {
  const values = kindValues(resources);
  const etc = renderTrinoEtc(resources, values);
  const out = new Map<string, string>();
  for (const [rel, text] of etc) {
    if (rel === 'config.properties') {
      out.set('trino/coordinator/config.properties', text);
      out.set('trino/worker/config.properties', workerConfig(text));
    } else {
      out.set(`trino/${rel}`, text);
    }
  }
  out.set('nessie/application.properties', renderNessieProperties(resources, values));
  return out;
}

export async function writeKindConfig(resources: string): Promise<string[]> {
  const root = renderedDir(resources);
  const written: string[] = [];
  for (const [rel, text] of renderKindConfig(resources)) {
    const path = join(root, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    written.push(path);
  }
  return written;
}

/** Rendered files whose committed copy differs from a fresh render (empty when in sync). */
export function staleRenderedFiles(resources: string): string[] {
  const stale: string[] = [];
  for (const [rel, text] of renderKindConfig(resources)) {
    let committed: string | undefined;
    try {
      committed = readFileSync(join(renderedDir(resources), rel), 'utf8');
    } catch {
      committed = undefined;
    }
    if (committed !== text) stale.push(rel);
  }
  return stale;
}
