import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Renders the single source of platform configuration (platform-manifests/config) for one
 * mode. Placeholders are `${name}`; a placeholder without a value is an error, so a renamed
 * setting can never reach a server half-filled.
 */
export type Values = Record<string, string>;

export function parseProperties(text: string): Values {
  const out: Values = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

export function renderTemplate(template: string, values: Values, source: string): string {
  return template.replace(/\$\{([a-z0-9.-]+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`${source}: no value for \${${name}}`);
    return v;
  });
}

export function configRoot(resources: string): string {
  return join(resources, 'platform-manifests', 'config');
}

export function readModeValues(resources: string, mode: string): Values {
  return parseProperties(
    readFileSync(join(configRoot(resources), 'values', `${mode}.properties`), 'utf8'),
  );
}

function renderFile(resources: string, rel: string, values: Values): string {
  return renderTemplate(readFileSync(join(configRoot(resources), rel), 'utf8'), values, rel);
}

/** The Trino `etc/` files, keyed by their path inside `etc/`. */
export function renderTrinoEtc(resources: string, values: Values): Map<string, string> {
  const files = new Map<string, string>();
  for (const f of ['config.properties', 'jvm.config', 'node.properties', 'log.properties']) {
    files.set(f, renderFile(resources, join('trino', f), values));
  }
  for (const f of readdirSync(join(configRoot(resources), 'trino', 'catalog'))) {
    files.set(`catalog/${f}`, renderFile(resources, join('trino', 'catalog', f), values));
  }
  files.set('catalog/lake.properties', renderLakeCatalog(resources, values));
  return files;
}

/** The `lake` catalog: the shared Iceberg/Nessie part plus the storage flavour's part. */
export function renderLakeCatalog(resources: string, values: Values): string {
  const storage = values['lake.storage'] ?? 'local';
  return (
    renderFile(resources, join('trino', 'catalog', 'lake.properties'), values) +
    renderFile(resources, join('trino', 'storage', `${storage}.properties`), values)
  );
}

/** Catalog properties of `lake` minus `connector.name`, for `CREATE CATALOG ... USING iceberg`. */
export function lakeCatalogProperties(resources: string, values: Values): Values {
  const props = parseProperties(renderLakeCatalog(resources, values));
  delete props['connector.name'];
  return props;
}

export function renderNessieProperties(resources: string, values: Values): string {
  return renderFile(resources, join('nessie', 'application.properties'), values);
}
