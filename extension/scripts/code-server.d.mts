// Types for code-server.mjs, so the TypeScript end-to-end harness and benchmark import it checked.
import type { ChildProcess } from 'node:child_process';

export const CODE_SERVER_VERSION: string;
export function lochCacheDir(): string;
export function nestedNpmEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function ensureNode24(log?: (line: string) => void): { nodeDir: string; nodeBin: string };
export function ensureCodeServer(log?: (line: string) => void): {
  bin: string;
  env: NodeJS.ProcessEnv;
};
export function installVsix(
  vsix: string,
  dirs: { extensionsDir: string; userDataDir: string },
  log?: (line: string) => void,
): void;
export function freePort(): Promise<number>;
export interface RunningCodeServer {
  url: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}
export function startCodeServer(options: {
  folder: string;
  extensionsDir: string;
  userDataDir: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<RunningCodeServer>;
