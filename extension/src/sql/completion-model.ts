// What to complete at a point of SQL text, from the metadata of the current ref. No `vscode`.

export interface SqlMetadata {
  catalogs: string[];
  /** The catalog reading the current ref. */
  catalog: string;
  /**
   * schema → table → columns (name, type) of `catalog`. Every table is listed; columns are read
   * only for the tables `tablesNeedingColumns` names (an empty list until then).
   */
  tables: Map<string, Map<string, { name: string; type: string }[]>>;
  functions: string[];
}

export type CompletionKind = 'keyword' | 'catalog' | 'schema' | 'table' | 'column' | 'function';

export interface SqlCompletion {
  label: string;
  kind: CompletionKind;
  detail?: string;
}

export const KEYWORDS = [
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP BY',
  'ORDER BY',
  'HAVING',
  'LIMIT',
  'JOIN',
  'LEFT JOIN',
  'ON',
  'AS',
  'WITH',
  'UNION ALL',
  'INSERT INTO',
  'VALUES',
  'CREATE TABLE',
  'DROP TABLE',
  'DELETE FROM',
  'UPDATE',
  'MERGE INTO',
  'SHOW TABLES',
  'SHOW SCHEMAS',
  'SHOW CATALOGS',
  'DESCRIBE',
  'EXPLAIN',
  'FOR VERSION AS OF',
  'FOR TIMESTAMP AS OF',
  'DISTINCT',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'AND',
  'OR',
  'NOT',
  'IN',
  'IS NULL',
  'BETWEEN',
  'LIKE',
];

const unquote = (s: string) =>
  (s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s).toLowerCase();

/** The dotted name being typed before the cursor, split: `lake.demo.or` → ['lake','demo'] + 'or'. */
export function dottedPrefix(textBefore: string): { qualifier: string[]; partial: string } {
  const m = /((?:(?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*)\.)*)("?[\w$]*)$/.exec(textBefore);
  if (!m) return { qualifier: [], partial: '' };
  const qual = (m[1] ?? '').match(/"(?:[^"]|"")*"|[A-Za-z_][\w$]*/g) ?? [];
  return { qualifier: qual.map(unquote), partial: (m[2] ?? '').replace(/^"/, '') };
}

export function completionsAt(textBefore: string, md: SqlMetadata): SqlCompletion[] {
  const { qualifier } = dottedPrefix(textBefore);
  const q = qualifier;
  const schemasOf = () =>
    [...md.tables.keys()].map((s): SqlCompletion => ({
      label: s,
      kind: 'schema',
      detail: `schema in ${md.catalog}`,
    }));
  const tablesOf = (schema: string) =>
    [...(md.tables.get(schema)?.keys() ?? [])].map((t): SqlCompletion => ({
      label: t,
      kind: 'table',
      detail: `${md.catalog}.${schema}`,
    }));
  const columnsOf = (schema: string, table: string) =>
    (md.tables.get(schema)?.get(table) ?? []).map((c): SqlCompletion => ({
      label: c.name,
      kind: 'column',
      detail: c.type,
    }));

  if (q.length === 1) {
    if (q[0] === md.catalog.toLowerCase()) return schemasOf();
    if (md.tables.has(q[0]!)) return tablesOf(q[0]!);
    // `alias.` or `table.`: columns of any table with that name.
    return [...md.tables.entries()].flatMap(([s, ts]) =>
      ts.has(q[0]!) ? columnsOf(s, q[0]!) : [],
    );
  }
  if (q.length === 2) {
    if (q[0] === md.catalog.toLowerCase()) return tablesOf(q[1]!);
    return columnsOf(q[0]!, q[1]!);
  }
  if (q.length === 3 && q[0] === md.catalog.toLowerCase()) return columnsOf(q[1]!, q[2]!);
  if (q.length > 0) return [];

  const columns = new Map<string, SqlCompletion>();
  for (const [, ts] of md.tables)
    for (const [t, cs] of ts)
      for (const c of cs)
        if (!columns.has(c.name))
          columns.set(c.name, { label: c.name, kind: 'column', detail: `${c.type} · ${t}` });
  return [
    ...KEYWORDS.map((k): SqlCompletion => ({ label: k, kind: 'keyword' })),
    ...md.catalogs.map((c): SqlCompletion => ({ label: c, kind: 'catalog', detail: 'catalog' })),
    ...schemasOf(),
    ...[...md.tables.entries()].flatMap(([s]) => tablesOf(s)),
    ...columns.values(),
    ...md.functions.map((f): SqlCompletion => ({ label: f, kind: 'function', detail: 'function' })),
  ];
}

/** Tables a bare completion reads columns of at most: the ones the statement names. */
export const MAX_BARE_COLUMN_TABLES = 20;

/**
 * The tables whose columns `completionsAt` would offer for this text: the one after a
 * qualifier (`orders.`, `demo.orders.`, `lake.demo.orders.`), or with no qualifier the tables
 * the text before the cursor names. Reading columns is a query per table, so only these are read.
 */
export function tablesNeedingColumns(
  textBefore: string,
  md: SqlMetadata,
): { schema: string; table: string }[] {
  const q = dottedPrefix(textBefore).qualifier;
  const catalog = md.catalog.toLowerCase();
  const named = (schema: string, table: string) =>
    md.tables.get(schema)?.has(table) ? [{ schema, table }] : [];
  const anySchema = (table: string) => [...md.tables.keys()].flatMap((s) => named(s, table));
  if (q.length === 1) return q[0] === catalog || md.tables.has(q[0]!) ? [] : anySchema(q[0]!);
  if (q.length === 2) return q[0] === catalog ? [] : named(q[0]!, q[1]!);
  if (q.length === 3) return q[0] === catalog ? named(q[1]!, q[2]!) : [];
  if (q.length > 0) return [];
  const words = new Set(textBefore.toLowerCase().match(/[a-z_][\w$]*/g) ?? []);
  return [...md.tables.entries()]
    .flatMap(([schema, ts]) =>
      [...ts.keys()].filter((t) => words.has(t)).map((table) => ({ schema, table })),
    )
    .slice(0, MAX_BARE_COLUMN_TABLES);
}
