/** One benchmark section: its name in the JSON output and the figures it measures. */
export interface BenchSection {
  name: string;
  run(): Promise<Record<string, unknown>>;
}

/** The median of several runs: benchmarks report medians, never a single sample. */
export function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
