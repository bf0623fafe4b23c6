import { type Client, Events, RESTEvents } from 'discord.js';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from './db/client.js';

/**
 * The process's metrics, served at GET /metrics by the HTTP adapter. One `BotMetrics` per process, created in the
 * composition root and passed to what records into it (router, scheduler, database, gateway): the Prometheus one
 * (src/metricsPrometheus.ts, prom-client, loaded only when HTTP_PORT is set) or `noMetrics`. Names follow
 * Prometheus conventions: `escale_` prefix, seconds for durations, `_total` for counters. Labels stay of small
 * cardinality: command names and job kinds, never guild or user ids.
 */

/** How an interaction ended, as the member saw it. */
export type InteractionOutcome = 'ok' | 'user_error' | 'error';
/** How a job run ended: done or skipped (both final), retry (failed, will run again), failed (gave up). */
export type JobOutcome = 'done' | 'skipped' | 'retry' | 'failed';

export interface GatewayShardSample {
  shardId: number;
  /** Last heartbeat round trip in ms (-1 before the first one). */
  pingMs: number;
  /** discord.js Status: 0 Ready, 1 Connecting, 2 Reconnecting, 3 Idle, 4 Nearly, 5 Disconnected, … */
  status: number;
}

export interface PoolSample {
  total: number;
  idle: number;
  waiting: number;
}

export interface JobBacklogSample {
  kind: string;
  /** Pending and due now. */
  due: number;
  /** Due for longer than the lateness threshold: nobody is taking them. */
  late: number;
}

/** What GET /metrics serves (prom-client's Registry is one). */
export interface MetricsExposition {
  readonly contentType: string;
  metrics(): Promise<string>;
}

export interface BotMetrics {
  /** What GET /metrics serves; null when metrics are off (`noMetrics`). */
  readonly registry: MetricsExposition | null;
  /** An interaction reached the process (starts the ack-latency clock for its id). */
  interactionReceived(id: string, at?: number): void;
  /** Discord accepted the interaction's first answer (reply, defer, update, autocomplete, modal). */
  interactionAcknowledged(id: string, at?: number): void;
  /** The router finished with an interaction. `command` is the command name or the component's prefix. */
  interactionHandled(input: { kind: string; command: string; outcome: InteractionOutcome }): void;
  jobFinished(input: { kind: string; outcome: JobOutcome; lateMs: number; durationMs: number }): void;
  queryFinished(durationMs: number, failed: boolean): void;
  /** Read at every scrape. */
  watchGateway(source: () => GatewayShardSample[]): void;
  watchPool(source: () => PoolSample | undefined): void;
  watchJobBacklog(source: () => Promise<JobBacklogSample[]>): void;
}

/** Metrics off (no HTTP_PORT: nothing could read them): records nothing, loads nothing. */
export const noMetrics: BotMetrics = Object.freeze({
  registry: null,
  interactionReceived() {},
  interactionAcknowledged() {},
  interactionHandled() {},
  jobFinished() {},
  queryFinished() {},
  watchGateway() {},
  watchPool() {},
  watchJobBacklog() {},
});

/** Jobs pending past their due time count as late after this long: no live process is taking them. */
export const JOB_LATE_AFTER_MS = 5 * 60_000;
const INTERACTION_CALLBACK_ROUTE = '/interactions/:id/:token/callback';

/**
 * What the metrics read from the Discord client: interactions received and their first answer accepted by Discord
 * (the REST callback's response, whatever handler sent it), and each shard's heartbeat and status at scrape time.
 */
export function instrumentDiscordClient(metrics: BotMetrics, client: Client): void {
  // Metrics off: no listener on every interaction and every REST response.
  if (!metrics.registry) return;
  client.on(Events.InteractionCreate, (interaction) => metrics.interactionReceived(interaction.id));
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (request.route !== INTERACTION_CALLBACK_ROUTE || !response.ok) return;
    const id = /^\/interactions\/(\d+)\//.exec(request.path)?.[1];
    if (id) metrics.interactionAcknowledged(id);
  });
  metrics.watchGateway(() =>
    [...client.ws.shards.values()].map((shard) => ({ shardId: shard.id, pingMs: shard.ping, status: shard.status })),
  );
}

/** Pending jobs whose time has come, and those overdue by more than JOB_LATE_AFTER_MS, by kind. */
export async function jobBacklog(executor: Executor, now: Date): Promise<JobBacklogSample[]> {
  const lateBefore = new Date(now.getTime() - JOB_LATE_AFTER_MS);
  const rows = await queryRows<{ kind: string; due: number; late: number }>(
    executor,
    sql`select kind, count(*)::int as due, (count(*) filter (where run_at < ${lateBefore.toISOString()}::timestamptz))::int as late
        from jobs where status = 'pending' and run_at <= ${now.toISOString()}::timestamptz group by kind`,
  );
  return rows.map((row) => ({ kind: row.kind, due: Number(row.due), late: Number(row.late) }));
}
