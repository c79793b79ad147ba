/**
 * SQL on any Nessie ref. Trino fixes the Nessie ref per catalog (`iceberg.nessie-catalog.ref`),
 * so each ref gets its own Trino catalog, created on demand with `CREATE CATALOG` (dynamic
 * catalog management) and dropped with its branch.
 *
 * The catalog name is a pure function of the exact ref name (`refCatalogName`), so every
 * session and process finds the same catalog, and Trino's `catalog.store=file` keeps it across
 * restarts. Names are lower-case (Trino folds catalog names), so a readable slug alone would
 * collide (`Dev` vs `dev`, `a/b` vs `a.b`): a SHA-256 prefix of the exact name separates them.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { NessieClient } from '../nessie/client';
import { validateRefName } from '../nessie/ref-names';
import type { Reference } from '../nessie/types';
import { quoteIdentifier, quoteLiteral, UnsafeSqlInputError } from './sql-text';
import type { SqlRunner } from './sql-runner';

/** Every ref catalog's name starts with this, so Loch can tell its catalogs from others. */
export const REF_CATALOG_PREFIX = 'loch_ref_';
const SLUG_MAX = 32;
const HASH_HEX = 16;

/**
 * The Trino catalog of Nessie ref `ref`: `loch_ref_<slug>_<hash>`, where slug is the name
 * lower-cased with every run of other characters turned into `_` (at most 32 characters), and
 * hash the first 64 bits of SHA-256 of the exact name. Always a plain lower-case Trino
 * identifier of at most 58 characters. Throws `InvalidRefNameError` for an illegal ref name.
 */
export function refCatalogName(ref: string): string {
  validateRefName(ref);
  const slug =
    ref
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, SLUG_MAX)
      .replace(/_+$/, '') || 'ref';
  const hash = bytesToHex(sha256(utf8ToBytes(ref))).slice(0, HASH_HEX);
  return `${REF_CATALOG_PREFIX}${slug}_${hash}`;
}

const SECRET_KEY = /secret|password|token|credential|private|access-key|sas/i;
const PLACEHOLDER = /^\$\{(ENV|FILE):[^}]+\}$/;

/**
 * Trino logs every CREATE CATALOG statement in full, so a secret may only reach it as Trino's
 * own `${ENV:NAME}` / `${FILE:path}` reference, resolved on the server.
 */
export function assertNoSecrets(properties: Record<string, string>): void {
  for (const [k, v] of Object.entries(properties)) {
    if (SECRET_KEY.test(k) && !PLACEHOLDER.test(v)) {
      throw new UnsafeSqlInputError(
        `catalog property ${k} holds a secret; give it as \${ENV:NAME} so it never reaches Trino's log`,
      );
    }
  }
}

/** The CREATE CATALOG statement for `catalog` on Nessie ref `ref`. */
export function createCatalogSql(
  catalog: string,
  ref: string,
  baseProperties: Record<string, string>,
): string {
  validateRefName(ref);
  const props: Record<string, string> = { ...baseProperties, 'iceberg.nessie-catalog.ref': ref };
  delete props['connector.name'];
  assertNoSecrets(props);
  const withList = Object.keys(props)
    .sort()
    .map((k) => `  ${quoteIdentifier(k, 'catalog property')} = ${quoteLiteral(props[k]!)}`)
    .join(',\n');
  return `CREATE CATALOG IF NOT EXISTS ${quoteIdentifier(catalog)} USING iceberg WITH (\n${withList}\n)`;
}

/**
 * The ref a lake catalog reads: its `iceberg.nessie-catalog.ref`, else Trino's default for that
 * property, `main`, which need not be Nessie's default branch. Every host routes this ref, and
 * only this one, to its own lake catalog; other refs get a ref catalog. When the host does not
 * know the catalog's properties at all, `unknown` (Nessie's default branch) is the best guess,
 * and the only ref such a host can query.
 */
export function lakeCatalogRef(
  properties: Record<string, string> | undefined,
  unknown: string,
): string {
  if (!properties) return unknown;
  return properties['iceberg.nessie-catalog.ref'] ?? 'main';
}

export interface RefCatalogsOptions {
  /** The SQL runner on the Trino coordinator (with catalog management `dynamic`). */
  run: SqlRunner;
  /** Used to check a ref exists before its catalog is created. */
  nessie: NessieClient;
  /**
   * The `lake` catalog's properties minus `connector.name` (the host reads them from the running
   * platform): a ref catalog is the same catalog on another ref.
   */
  baseProperties: Record<string, string> | (() => Record<string, string>);
  /** Refs already served by a static catalog, e.g. `{ main: 'lake' }`. */
  staticCatalogs?: Record<string, string>;
}

export interface RefCatalog {
  catalog: string;
  ref: Reference;
  /** False when the catalog already existed (made by this or any other process). */
  created: boolean;
}

export class RefCatalogs {
  constructor(private readonly options: RefCatalogsOptions) {}

  /** The catalog name Loch uses for `ref` (a static catalog, else `refCatalogName`). */
  catalogName(ref: string): string {
    return this.options.staticCatalogs?.[ref] ?? refCatalogName(ref);
  }

  /**
   * Makes sure `ref`'s catalog exists and returns it. Validates the name, then asks Nessie for
   * the ref (`NessieNotFoundError` if missing: Trino would create a catalog for a missing ref
   * and fail only at query time), then creates the catalog unless it is there.
   */
  async ensure(ref: string, signal?: AbortSignal): Promise<RefCatalog> {
    validateRefName(ref);
    const reference = await this.options.nessie.getReference(ref, { signal });
    const catalog = this.catalogName(ref);
    // No in-process cache: another process may have dropped the catalog since (branch deleted).
    if (this.options.staticCatalogs?.[ref]) {
      return { catalog, ref: reference, created: false };
    }
    const existed = await this.exists(catalog, signal);
    if (!existed) {
      const base = this.options.baseProperties;
      const properties = typeof base === 'function' ? base() : base;
      await this.options.run(createCatalogSql(catalog, ref, properties), { signal });
    }
    return { catalog, ref: reference, created: !existed };
  }

  /** Whether Trino has a catalog of that exact name. */
  async exists(catalog: string, signal?: AbortSignal): Promise<boolean> {
    const r = await this.options.run(`SHOW CATALOGS LIKE ${quoteLiteral(catalog)}`, { signal });
    return r.rows.some((row) => row[0] === catalog);
  }

  /** Drops `ref`'s catalog if it exists (a static catalog is never dropped). */
  async drop(ref: string, signal?: AbortSignal): Promise<boolean> {
    if (this.options.staticCatalogs?.[ref]) return false;
    const catalog = refCatalogName(ref);
    const existed = await this.exists(catalog, signal);
    await this.options.run(`DROP CATALOG IF EXISTS ${quoteIdentifier(catalog)}`, { signal });
    return existed;
  }

  /**
   * Drops every ref catalog whose ref no longer exists in Nessie (deleted by another tool).
   * Returns the dropped catalog names. Run it when no one is creating refs: a ref created
   * between the listing and the drop would lose its fresh catalog (the next `ensure` recreates it);
   * `only` limits pruning to the named catalogs.
   */
  async prune(options: { only?: string[]; signal?: AbortSignal } = {}): Promise<string[]> {
    const { signal } = options;
    const refs = await this.options.nessie.listReferences({ signal });
    const live = new Set(refs.map((r) => refCatalogName(r.name)));
    const r = await this.options.run(
      `SHOW CATALOGS LIKE ${quoteLiteral(`${REF_CATALOG_PREFIX}%`)}`,
      { signal },
    );
    const dropped: string[] = [];
    for (const [name] of r.rows as [string][]) {
      if (!name.startsWith(REF_CATALOG_PREFIX) || live.has(name)) continue;
      if (options.only && !options.only.includes(name)) continue;
      await this.options.run(`DROP CATALOG IF EXISTS ${quoteIdentifier(name)}`, { signal });
      dropped.push(name);
    }
    return dropped;
  }
}
