// "Copy as Python": the same query for the official `trino` Python client (PyPI `trino`),
// on the same host, user, catalog and ref, so a result can be continued in the kernel.
// Credentials are never written: the snippet reads a password from the environment if needed.

export interface PythonSnippetInput {
  sql: string;
  /** The coordinator as the kernel reaches it (the kernel runs beside the Jupyter server). */
  trinoUrl: string;
  user: string;
  catalog: string;
  schema?: string;
  ref: string;
}

/** A Python string literal that round-trips any text (JSON escapes are valid Python). */
export function pythonString(text: string): string {
  return JSON.stringify(text).replace(/[\u2028\u2029]/g, (c) =>
    c === '\u2028' ? '\\u2028' : '\\u2029',
  );
}

export function pythonSnippet(input: PythonSnippetInput): string {
  const url = new URL(input.trinoUrl);
  const https = url.protocol === 'https:';
  const port = url.port ? Number(url.port) : https ? 443 : 80;
  const lines = [
    '# pip install trino pandas',
    'import trino',
    '',
    `# Nessie ref ${input.ref} is Trino catalog ${input.catalog}`,
    'conn = trino.dbapi.connect(',
    `    host=${pythonString(url.hostname)},`,
    `    port=${port},`,
    `    user=${pythonString(input.user)},`,
    `    catalog=${pythonString(input.catalog)},`,
    ...(input.schema ? [`    schema=${pythonString(input.schema)},`] : []),
    ...(https ? [`    http_scheme="https",`] : []),
    ')',
    'cur = conn.cursor()',
    `cur.execute(${pythonString(input.sql.trim().replace(/;\s*$/, ''))})`,
    'rows = cur.fetchall()',
    'columns = [d[0] for d in cur.description]',
    '',
  ];
  return lines.join('\n');
}
