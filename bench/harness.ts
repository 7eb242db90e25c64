// What a benchmark is: a name and a run() that returns figures. bench/run.mjs runs them, prints one table and
// writes bench/results/latest.json. Timings belong here, never in tests.
export interface Figure {
  /** What was measured, e.g. "ws round trip median". */
  metric: string;
  value: number;
  unit: string;
  /** The target, as text ("< 20 µs"), when it names one. */
  target?: string;
  /** Whether the target is met, when there is one. */
  pass?: boolean;
}

export interface Benchmark {
  name: string;
  run(): Promise<Figure[]>;
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

/** Median and p99 of samples (ms). */
export function summarize(samples: number[]): { median: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p99: quantile(s, 0.99) };
}
