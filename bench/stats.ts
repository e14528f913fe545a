/** Percentiles and throughput from raw samples, in milliseconds. */
export interface Summary {
  samples: number;
  p50: number;
  p99: number;
  max: number;
  /** Questions per second at the mean latency, one at a time on one core. */
  perSecond: number;
}

/** Nearest-rank percentile of already sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarise(samplesMs: readonly number[]): Summary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    perSecond: total > 0 ? (sorted.length * 1000) / total : Number.NaN,
  };
}

/**
 * Times `fn` once per item, `passes` times over the list after `warmup` untimed passes.
 * `beforePass` runs untimed before every pass (e.g. to empty a cache).
 */
export function timeEach<T>(
  items: readonly T[],
  fn: (item: T) => unknown,
  options: { warmup: number; passes: number; beforePass?: () => void },
): number[] {
  const samples: number[] = [];
  for (let pass = 0; pass < options.warmup + options.passes; pass++) {
    options.beforePass?.();
    for (const item of items) {
      const started = performance.now();
      fn(item);
      const elapsed = performance.now() - started;
      if (pass >= options.warmup) samples.push(elapsed);
    }
  }
  return samples;
}

/** Rounds for display and JSON: 3 significant decimals below 1, fewer above. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) < 1) return Math.round(value * 1000) / 1000;
  if (Math.abs(value) < 100) return Math.round(value * 100) / 100;
  return Math.round(value);
}

/** The median of several runs' figures and how far the runs spread around it. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: round(percentile(sorted, 50)),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

/**
 * One timed run: one untimed warm-up pass over `items`, then whole passes until at least `samples`
 * timings (one per call of `fn`). `beforePass` runs untimed before every pass (e.g. to empty a cache).
 */
export function timeRun<T>(
  items: readonly T[],
  fn: (item: T) => unknown,
  options: { samples: number; beforePass?: () => void },
): number[] {
  const passes = Math.max(1, Math.ceil(options.samples / Math.max(1, items.length)));
  return timeEach(items, fn, {
    warmup: 1,
    passes,
    ...(options.beforePass ? { beforePass: options.beforePass } : {}),
  });
}
