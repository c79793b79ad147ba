import type { ChildProcess } from 'node:child_process';
export function startJupyter(options?: {
  port?: number;
}): Promise<{ url: string; lab: ChildProcess; notebooks: string }>;
export function jupyterLabArgs(options: { port: number; token: string; root: string }): string[];
