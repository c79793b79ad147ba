// Reading a whole listing through the session's pages. No `vscode`.
import type { LakeListing, TableEntry } from '@loch/core';

/**
 * Every table and view on `ref`, namespace by namespace, each namespace's pages at the commit
 * its first page read (the listing's page tokens pin it), in the listing's order.
 */
export async function allTables(
  listing: LakeListing,
  ref: string,
  signal?: AbortSignal,
): Promise<TableEntry[]> {
  const out: TableEntry[] = [];
  for (const ns of await listing.namespaces(ref, { signal })) {
    let pageToken: string | undefined;
    do {
      const page = await listing.tables(ref, ns.namespace, { pageToken, signal });
      out.push(...page.entries);
      pageToken = page.nextPageToken;
    } while (pageToken);
  }
  return out;
}
