// Types for workbench.mjs, so the TypeScript end-to-end tests import it checked.
export function stateDir(): string;
export const SAMPLE_FILES: readonly string[];
export function samplePath(file: string): string;
export const WORKBENCH_USER_SETTINGS: Record<string, unknown>;
export function sampleWorkspace(dir?: string): string;
export function openWorkbench(options?: { log?: (line: string) => void }): Promise<{
  kind: 'vscode' | 'code-server';
  url?: string;
  folder: string;
  pidFile?: string;
}>;
