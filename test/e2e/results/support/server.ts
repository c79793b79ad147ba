// A local HTTP server for browser tests and the benchmark: serves the viewer bundle (built
// from the current source) and the test host page under a strict Content-Security-Policy, and
// runs queries on the real Trino and saves exports for the host page.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { RecordBatchStreamWriter, tableFromIPC, type RecordBatch } from 'apache-arrow';
import { buildViewer } from '../../../../shared/build-viewer.mjs';
import { parquetExportBytes } from '../../../../shared/src/results/export-node/export';
import { TrinoClient } from '../../../../shared/src/trino/client';
import { ipcOf, syntheticBatch } from './synthetic';

/** No inline script, no eval, no inline style: what a VS Code webview can enforce. */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

async function* batchesOf(batches: RecordBatch[]): AsyncGenerator<RecordBatch> {
  yield* batches;
}

export interface ViewerServer {
  url: string;
  exportDir: string;
  viewerBytes: number;
  close(): Promise<void>;
}

const here = import.meta.dirname;

export async function startViewerServer(options: {
  trinoUrl?: string;
  fixtures?: Record<string, Uint8Array>;
}): Promise<ViewerServer> {
  const outdir = mkdtempSync(join(tmpdir(), 'loch-viewer-'));
  const exportDir = mkdtempSync(join(tmpdir(), 'loch-export-'));
  const { bytes: viewerBytes } = await buildViewer(outdir);
  await build({
    entryPoints: [join(here, 'harness-page.ts')],
    outfile: join(outdir, 'harness.js'),
    bundle: true,
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
  });
  const client = options.trinoUrl
    ? new TrinoClient({ url: options.trinoUrl, user: 'loch-test' })
    : undefined;
  const files: Record<string, [string, string]> = {
    '/': [join(here, 'harness.html'), 'text/html'],
    '/harness.css': [join(here, 'harness.css'), 'text/css'],
    '/viewer.js': [join(outdir, 'viewer.js'), 'text/javascript'],
    '/viewer.css': [join(outdir, 'viewer.css'), 'text/css'],
    '/harness.js': [join(outdir, 'harness.js'), 'text/javascript'],
  };
  let exports = 0;

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.setHeader('Content-Security-Policy', STRICT_CSP);
    res.setHeader('Cache-Control', 'no-store');
    const bytes = async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    };
    const body = async () => (await bytes()).toString('utf8');
    try {
      const file = files[url.pathname];
      if (file) {
        res.writeHead(200, { 'Content-Type': file[1] }).end(readFileSync(file[0]));
      } else if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end();
      } else if (url.pathname === '/synthetic') {
        const batch = syntheticBatch(
          Number(url.searchParams.get('start')),
          Number(url.searchParams.get('rows')),
        );
        res
          .writeHead(200, { 'Content-Type': 'application/vnd.apache.arrow.stream' })
          .end(ipcOf(batch));
      } else if (url.pathname.startsWith('/fixture/')) {
        const bytes = options.fixtures?.[url.pathname.slice('/fixture/'.length)];
        if (!bytes) res.writeHead(404).end();
        else
          res.writeHead(200, { 'Content-Type': 'application/vnd.apache.arrow.stream' }).end(bytes);
      } else if (url.pathname === '/trino' && client) {
        const limit = Number(url.searchParams.get('limit') ?? Infinity);
        const t0 = performance.now();
        const query = client.query(await body());
        const batches: RecordBatch[] = [];
        let rows = 0;
        let complete = true;
        for await (const b of query.batches()) {
          if (rows >= limit) {
            complete = false;
            await query.cancel();
            break;
          }
          const keep = Math.min(b.numRows, limit - rows);
          if (keep < b.numRows) complete = false;
          batches.push(keep < b.numRows ? b.slice(0, keep) : b);
          rows += keep;
        }
        const schema = batches[0]?.schema ?? (await query.schema);
        const writer = new RecordBatchStreamWriter();
        writer.reset(undefined, schema);
        for (const b of batches) writer.write(b);
        writer.finish();
        res
          .writeHead(200, {
            'Content-Type': 'application/vnd.apache.arrow.stream',
            'x-loch-complete': String(complete),
            'x-loch-elapsed-ms': String(Math.round(performance.now() - t0)),
          })
          .end(writer.toUint8Array(true));
      } else if (url.pathname === '/save') {
        // An export the page's viewer backend encoded: written where a host's save dialog would.
        const name = url.searchParams.get('name') ?? 'result';
        const path = join(
          exportDir,
          `export-${++exports}.${name.slice(name.lastIndexOf('.') + 1)}`,
        );
        writeFileSync(path, await bytes());
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ location: path }));
      } else if (url.pathname === '/parquet') {
        const table = tableFromIPC(await bytes());
        const chunks: Uint8Array[] = [];
        for await (const c of parquetExportBytes(batchesOf(table.batches))) chunks.push(c);
        res
          .writeHead(200, { 'Content-Type': 'application/vnd.apache.parquet' })
          .end(Buffer.concat(chunks));
      } else {
        res.writeHead(404).end();
      }
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end((e as Error).message);
    }
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    exportDir,
    viewerBytes,
    close: () => new Promise((res) => server.close(() => res())),
  };
}
