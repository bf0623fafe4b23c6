import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process's Prometheus registry, served at GET /metrics by the HTTP adapter. Counters and histograms of the
 * bot (interactions, jobs, database, gateway) are registered here; one registry per process.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
