// Types of python-env.mjs (plain JS so Node scripts run it before anything is built).
export interface JupyterVenv {
  dir: string;
  bin: string;
  python: string;
  jupyter: string;
}
export const PYTHON_REQUIREMENTS: readonly string[];
export const TRINO_PYTHON_CLIENT: string;
export function cacheDir(env?: NodeJS.ProcessEnv): string;
export function ensureJupyterVenv(options?: { quiet?: boolean }): JupyterVenv;
export function ensureLabVenv(
  name: string,
  wheel: string,
  options?: { quiet?: boolean; extra?: string[] },
): JupyterVenv;
