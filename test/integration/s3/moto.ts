// A real S3-compatible server for tests: moto's server mode from PyPI, in a virtual
// environment under ~/.cache/loch (created once, reused by later runs and by CI).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir } from '../../../shared/src/platform/paths';
import { freePort } from '../../../shared/src/platform/ports';

const run = promisify(execFile);

export const MOTO_VERSION = '5.2.5';

export function motoVenv(): string {
  return join(cacheDir(), `moto-${MOTO_VERSION}`);
}

/** Creates the venv and installs moto[server] unless a finished install is there. */
export async function ensureMoto(): Promise<string> {
  const venv = motoVenv();
  const bin = join(venv, 'bin', 'moto_server');
  if (existsSync(join(venv, '.installed')) && existsSync(bin)) return bin;
  await rm(venv, { recursive: true, force: true });
  await mkdir(cacheDir(), { recursive: true });
  await run('python3', ['-m', 'venv', venv]);
  await run(join(venv, 'bin', 'pip'), ['install', '--quiet', `moto[server]==${MOTO_VERSION}`], {
    maxBuffer: 16 * 1024 * 1024,
  });
  await run('touch', [join(venv, '.installed')]);
  return bin;
}

export interface S3Server {
  endpoint: string;
  stop: () => Promise<void>;
}

/** Starts moto_server on a free loopback port and waits until it answers. */
export async function startS3Server(): Promise<S3Server> {
  const bin = await ensureMoto();
  const port = await freePort();
  const child: ChildProcess = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await fetch(`${endpoint}/`, { signal: AbortSignal.timeout(2_000) });
      return { endpoint, stop };
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`moto_server did not start: ${stderr.trim().split('\n').pop()}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** moto accepts unsigned requests, so a plain PUT creates a bucket. */
export async function createBucket(endpoint: string, bucket: string): Promise<void> {
  const r = await fetch(`${endpoint}/${bucket}`, { method: 'PUT' });
  if (!r.ok) throw new Error(`creating bucket ${bucket}: HTTP ${r.status} ${await r.text()}`);
}

/** The object keys under a prefix (ListObjectsV2), to see what Trino really wrote. */
export async function listKeys(
  endpoint: string,
  bucket: string,
  prefix: string,
): Promise<string[]> {
  const r = await fetch(`${endpoint}/${bucket}?list-type=2&prefix=${encodeURIComponent(prefix)}`);
  const xml = await r.text();
  return [...xml.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]!);
}
