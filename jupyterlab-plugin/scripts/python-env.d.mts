// Types of python-env.mjs (plain JS so Node scripts run it before anything is built).
export interface JupyterVenv {
  dir: string;
  bin: string;
  python: string;
  jupyter: string;
}
export const BUILT_WITH_JUPYTERLAB: string;
export const SUPPORTED_JUPYTERLAB: string;
export const PYTHON_REQUIREMENTS: readonly string[];
export const TRINO_PYTHON_CLIENT: string;
export function cacheDir(env?: NodeJS.ProcessEnv): string;
export function ensureJupyterVenv(options?: { quiet?: boolean }): JupyterVenv;
export function newestJupyterLab(python: string): string | undefined;
/** Which JupyterLab a lab venv gets: the newest supported on PyPI, or the one built with. */
export type JupyterLabRelease = 'newest' | 'oldest';
export function ensureLabVenv(
  name: string,
  wheel: string,
  options?: { quiet?: boolean; extra?: string[]; jupyterlab?: JupyterLabRelease },
): JupyterVenv;
