/** Discord's IDENTIFY rule: one identify per bucket (`shard_id % max_concurrency`) every 5 seconds. */
export const IDENTIFY_INTERVAL_MS = 5_000;

export interface IdentifyRecord {
  shardId: number;
  shardCount: number;
  /** `shard_id % max_concurrency`. */
  bucket: number;
  /** Real time, ms. */
  at: number;
}

export interface IdentifyViolation {
  bucket: number;
  /** The two shards that identified too close together, earlier first. */
  shardIds: [number, number];
  gapMs: number;
}

/** Every pair of consecutive identifies of one bucket less than 5 s apart. */
export function identifyViolations(identifies: readonly IdentifyRecord[], intervalMs = IDENTIFY_INTERVAL_MS) {
  const violations: IdentifyViolation[] = [];
  const byBucket = new Map<number, IdentifyRecord[]>();
  for (const record of identifies) byBucket.set(record.bucket, [...(byBucket.get(record.bucket) ?? []), record]);
  for (const [bucket, records] of byBucket) {
    const sorted = [...records].sort((a, b) => a.at - b.at);
    for (let index = 1; index < sorted.length; index += 1) {
      const previous = sorted[index - 1]!;
      const current = sorted[index]!;
      const gapMs = current.at - previous.at;
      if (gapMs < intervalMs) violations.push({ bucket, shardIds: [previous.shardId, current.shardId], gapMs });
    }
  }
  return violations;
}

/** The largest number of timestamps in any window of `windowMs` (sliding, not aligned to seconds). */
export function maxInWindow(timestamps: readonly number[], windowMs = 1_000): number {
  const sorted = [...timestamps].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
