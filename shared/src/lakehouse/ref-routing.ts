/**
 * Which Trino catalog serves a Nessie ref. Written once for every host: the ref the lake
 * catalog itself reads goes to the lake catalog (no second catalog for the same data); any other
 * ref to its own ref catalog, created on demand by `RefCatalogs.ensure`. A ref catalog copies
 * the lake catalog's properties, so without them only the lake's own ref can be queried.
 */
import { LochError } from '../errors';
import { validateRefName } from '../nessie/ref-names';
import { lakeCatalogRef, type RefCatalogs } from './ref-catalogs';

/**
 * `ref` needs a ref catalog, but the lake catalog's properties (which a ref catalog copies) are
 * not known to this session. Thrown by `LakehouseSession.catalogFor` before anything is sent.
 */
export class RefNotQueryableError extends LochError {
  override readonly name = 'RefNotQueryableError';
  readonly code = 'ref-not-queryable';
  constructor(
    /** The ref asked for; undefined when a ref catalog was asked for directly. */
    readonly ref: string | undefined,
    /** The one ref this session can query: the one its lake catalog reads. */
    readonly queryableRef: string,
    hint = "give the session the lake catalog's properties (restart the platform with a current `loch up`, or set them in the connection)",
  ) {
    super(
      `${ref === undefined ? 'cannot create a ref catalog:' : `cannot query ref ${ref}: it needs its own Trino catalog, and`} the lake catalog's properties are unknown (only ${queryableRef} is queryable)`,
      { hint },
    );
  }
}

/**
 * `RefCatalogs`' static catalogs for a lake: its own ref served by the lake catalog. Empty when
 * the lake's properties are unknown (no ref catalog can be made then, so none is looked up).
 */
export function lakeStaticCatalogs(
  lakeCatalog: string,
  lakeCatalogProperties: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (!lakeCatalogProperties) return undefined;
  return { [lakeCatalogRef(lakeCatalogProperties, 'main')]: lakeCatalog };
}

export interface RefRoutingOptions {
  /** The static catalog, e.g. `lake`. */
  lakeCatalog: string;
  /** Its properties; undefined when the host cannot know them. */
  lakeCatalogProperties?: Record<string, string>;
  catalogs: RefCatalogs;
}

export class RefRouting {
  constructor(private readonly options: RefRoutingOptions) {}

  /**
   * The ref the lake catalog reads. `defaultBranch` (Nessie's) stands in when the lake's
   * properties are unknown: then it is the only queryable ref.
   */
  lakeRef(defaultBranch: string): string {
    return lakeCatalogRef(this.options.lakeCatalogProperties, defaultBranch);
  }

  /**
   * The catalog that reads `ref`, creating a ref catalog when needed. Throws
   * `InvalidRefNameError` for an illegal name, `RefNotQueryableError` when `ref` needs a ref
   * catalog that cannot be made, `NessieNotFoundError` when the ref does not exist.
   */
  async catalogFor(ref: string, defaultBranch: string, signal?: AbortSignal): Promise<string> {
    validateRefName(ref);
    const lakeRef = this.lakeRef(defaultBranch);
    if (ref === lakeRef) return this.options.lakeCatalog;
    if (!this.options.lakeCatalogProperties) throw new RefNotQueryableError(ref, lakeRef);
    return (await this.options.catalogs.ensure(ref, signal)).catalog;
  }
}
