/** Builds dist/viewer/viewer.js + viewer.css (or into `outdir`); returns viewer.js's size. */
export function buildViewer(outdir?: string): Promise<{ outdir: string; bytes: number }>;
