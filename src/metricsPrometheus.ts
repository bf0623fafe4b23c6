import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { BotMetrics, GatewayShardSample, JobBacklogSample, PoolSample } from './metrics.js';

/**
 * The Prometheus side of BotMetrics (src/metrics.ts): prom-client and Node's default collectors. Loaded only when
 * something can read them (HTTP_PORT set: GET /metrics), through `loadPrometheusMetrics()`: prom-client and its
 * collectors cost about 12 MiB of a bot's resident memory (issue 15), for nothing when no one scrapes.
 */

/** Interactions not acknowledged after this long are forgotten (Discord's window is 3 s, follow-ups 15 min). */
const ACK_TRACKING_MS = 60_000;
const MAX_TRACKED_INTERACTIONS = 10_000;

/** The process's Prometheus registry with Node's default metrics (CPU, memory, event loop lag, GC). */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export function createBotMetrics(input: { registry?: Registry; now?: () => number } = {}): BotMetrics & {
  readonly registry: Registry;
} {
  const registry = input.registry ?? createMetricsRegistry();
  const now = input.now ?? (() => performance.now());
  const registers = [registry];

  const interactions = new Counter({
    name: 'escale_interactions_total',
    help: 'Interactions handled, by kind (command, component, modal, autocomplete), command and outcome',
    labelNames: ['kind', 'command', 'outcome'] as const,
    registers,
  });
  const ackLatency = new Histogram({
    name: 'escale_interaction_ack_seconds',
    help: 'From an interaction reaching the process to Discord accepting its first answer (the deadline is 3 s)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers,
  });
  const jobs = new Counter({
    name: 'escale_jobs_total',
    help: 'Job runs (reminders, recaps, …) by kind and outcome: done, skipped, retry, failed (gave up)',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });
  const jobLateness = new Histogram({
    name: 'escale_job_lateness_seconds',
    help: 'How long after its due time a job started',
    labelNames: ['kind'] as const,
    buckets: [0.1, 0.5, 1, 2, 5, 15, 60, 300, 900, 3_600],
    registers,
  });
  const jobDuration = new Histogram({
    name: 'escale_job_duration_seconds',
    help: 'How long a job run took',
    labelNames: ['kind'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const queryDuration = new Histogram({
    name: 'escale_db_query_seconds',
    help: 'Database query latency, by result',
    labelNames: ['result'] as const,
    buckets: [0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });

  let gatewaySource: () => GatewayShardSample[] = () => [];
  new Gauge({
    name: 'escale_gateway_ping_seconds',
    help: 'Last gateway heartbeat round trip, by shard',
    labelNames: ['shard'] as const,
    registers,
    collect() {
      this.reset();
      for (const shard of gatewaySource()) {
        if (shard.pingMs >= 0) this.set({ shard: String(shard.shardId) }, shard.pingMs / 1_000);
      }
    },
  });
  new Gauge({
    name: 'escale_gateway_shard_ready',
    help: '1 while the shard is connected and ready, 0 otherwise',
    labelNames: ['shard'] as const,
    registers,
    collect() {
      this.reset();
      for (const shard of gatewaySource()) this.set({ shard: String(shard.shardId) }, shard.status === 0 ? 1 : 0);
    },
  });
  new Gauge({
    name: 'escale_gateway_shard_status',
    help: 'discord.js status code of the shard: 0 ready, 1 connecting, 2 reconnecting, 3 idle, 4 nearly, 5 disconnected, 6 waiting for guilds, 7 identifying, 8 resuming',
    labelNames: ['shard'] as const,
    registers,
    collect() {
      this.reset();
      for (const shard of gatewaySource()) this.set({ shard: String(shard.shardId) }, shard.status);
    },
  });

  let poolSource: () => PoolSample | undefined = () => undefined;
  new Gauge({
    name: 'escale_db_pool_connections',
    help: 'Postgres pool connections by state: total, idle, and requests waiting for one',
    labelNames: ['state'] as const,
    registers,
    collect() {
      this.reset();
      const pool = poolSource();
      if (!pool) return;
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });

  let backlogSource: () => Promise<JobBacklogSample[]> = async () => [];
  const backlog = async (): Promise<JobBacklogSample[]> => {
    try {
      return await backlogSource();
    } catch {
      // A scrape must answer even when the database does not: the pool and query metrics tell that story.
      return [];
    }
  };
  new Gauge({
    name: 'escale_jobs_due',
    help: 'Pending jobs whose time has come, by kind (read from the database at each scrape)',
    labelNames: ['kind'] as const,
    registers,
    async collect() {
      this.reset();
      for (const sample of await backlog()) this.set({ kind: sample.kind }, sample.due);
    },
  });
  new Gauge({
    name: 'escale_jobs_late',
    help: 'Pending jobs due for more than 5 minutes, by kind: no process is taking them',
    labelNames: ['kind'] as const,
    registers,
    async collect() {
      this.reset();
      for (const sample of await backlog()) this.set({ kind: sample.kind }, sample.late);
    },
  });

  const received = new Map<string, number>();
  const forgetOld = (at: number) => {
    for (const [id, since] of received) {
      if (at - since < ACK_TRACKING_MS && received.size <= MAX_TRACKED_INTERACTIONS) break;
      received.delete(id);
    }
  };

  return {
    registry,
    interactionReceived(id, at = now()) {
      forgetOld(at);
      received.set(id, at);
    },
    interactionAcknowledged(id, at = now()) {
      const since = received.get(id);
      if (since === undefined) return;
      received.delete(id);
      ackLatency.observe(Math.max(0, at - since) / 1_000);
    },
    interactionHandled({ kind, command, outcome }) {
      interactions.inc({ kind, command, outcome });
    },
    jobFinished({ kind, outcome, lateMs, durationMs }) {
      jobs.inc({ kind, outcome });
      jobLateness.observe({ kind }, Math.max(0, lateMs) / 1_000);
      jobDuration.observe({ kind }, Math.max(0, durationMs) / 1_000);
    },
    queryFinished(durationMs, failed) {
      queryDuration.observe({ result: failed ? 'error' : 'ok' }, Math.max(0, durationMs) / 1_000);
    },
    watchGateway(source) {
      gatewaySource = source;
    },
    watchPool(source) {
      poolSource = source;
    },
    watchJobBacklog(source) {
      backlogSource = source;
    },
  };
}
