/** Discord's epoch: the first millisecond of 2015. */
export const DISCORD_EPOCH_MS = 1_420_070_400_000;

const INCREMENT_BITS = 12n;
const MAX_INCREMENT = (1 << 12) - 1;

/**
 * Generates Discord-like snowflakes ((ms - epoch) << 22 | counter) from a clock.
 *
 * Ids must be strictly increasing even when the injected clock is frozen or goes backwards (tests move
 * time freely), because discord.js and Discord's own list endpoints order messages by id.
 */
export class SnowflakeGenerator {
  private lastMs = 0;
  private increment = 0;

  constructor(private readonly nowMs: () => number) {}

  next(): string {
    let ms = Math.max(this.nowMs(), DISCORD_EPOCH_MS + 1);
    if (ms <= this.lastMs) {
      ms = this.lastMs;
      this.increment += 1;
      if (this.increment > MAX_INCREMENT) {
        ms += 1;
        this.increment = 0;
      }
    } else {
      this.increment = 0;
    }
    this.lastMs = ms;
    return ((BigInt(ms - DISCORD_EPOCH_MS) << (INCREMENT_BITS + 10n)) | BigInt(this.increment)).toString();
  }
}

export function snowflakeTimestamp(id: string): number {
  return Number(BigInt(id) >> 22n) + DISCORD_EPOCH_MS;
}

export function shardOf(guildId: string, shardCount: number): number {
  return Number(BigInt(guildId) >> 22n) % shardCount;
}
