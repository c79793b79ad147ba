// Nessie content that Trino 476 cannot write into a Nessie catalog ("createView is not supported
// for Iceberg Nessie catalogs"; Delta Lake is another engine's), committed the way Spark or
// Nessie's REST catalog would, so listing tests can check what is listed and what is left out.
import type { Operation } from '../../shared/src/nessie/types';

/** An Iceberg view `ns.name` (its metadata file need not exist: listing reads Nessie only). */
export function icebergViewPut(ns: string, name = 'v'): Operation {
  return {
    type: 'PUT',
    key: [ns, name],
    content: {
      type: 'ICEBERG_VIEW',
      metadataLocation: `local:///views/${ns}/${name}.metadata.json`,
      versionId: 1,
      schemaId: 0,
      sqlText: 'SELECT 1',
      dialect: 'trino',
    },
  };
}

/** A Delta Lake table `ns.name`, which Loch's listing leaves out (it is not Iceberg). */
export function deltaTablePut(ns: string, name = 'delta'): Operation {
  return {
    type: 'PUT',
    key: [ns, name],
    content: {
      type: 'DELTA_LAKE_TABLE',
      metadataLocationHistory: [`local:///delta/${ns}/_delta_log/0.json`],
      checkpointLocationHistory: [],
    },
  };
}
