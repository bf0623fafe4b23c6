/** Latency summaries: nearest-rank percentiles over the answered clicks, misses counted apart. */
export interface LatencySummary {
  clicks: number;
  answered: number;
  /** No callback within Discord's 3 s: the member saw "The application did not respond". */
  misses: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? null;
}

export function summarize(latencies: readonly (number | null)[]): LatencySummary {
  const answered = latencies.filter((value): value is number => value !== null).sort((a, b) => a - b);
  const mean = answered.length ? answered.reduce((sum, value) => sum + value, 0) / answered.length : null;
  return {
    clicks: latencies.length,
    answered: answered.length,
    misses: latencies.length - answered.length,
    p50: percentile(answered, 50),
    p90: percentile(answered, 90),
    p99: percentile(answered, 99),
    max: answered.at(-1) ?? null,
    mean: mean === null ? null : Math.round(mean * 10) / 10,
  };
}

export function ratio(value: number | null, floor: number | null): number | null {
  if (value === null || floor === null) return null;
  return Math.round((value / Math.max(floor, 1)) * 100) / 100;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
