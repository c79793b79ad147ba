import type { ChildProcess } from 'node:child_process';
export function startJupyter(options?: {
  port?: number;
}): Promise<{ url: string; lab: ChildProcess; notebooks: string }>;
