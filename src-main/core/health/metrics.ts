// Prometheus metrics of a core (prom-client, one registry per core): S3 requests by operation and status, PUT/GET
// latency histograms, delivery attempts and outcomes by hook, pending per hook (read at scrape time) and Node's
// event-loop lag. Counters are fed by the health service and the S3 handler; nothing here reads the log.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Pending deliveries of every hook that has some, read when scraped. */
export type PendingSource = () => { bucket: string; hookId: string; pending: number; oldestAgeMs: number | null }[];

/** Build the registry; `pending` is read on each scrape. */
export function createMetrics(pending: PendingSource) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const s3Requests = new Counter({
    name: 'buckethooks_s3_requests_total', help: 'S3 requests answered, by operation and HTTP status',
    labelNames: ['operation', 'status'] as const, registers: [registry],
  });
  const s3Latency = new Histogram({
    name: 'buckethooks_s3_request_duration_seconds', help: 'Time to answer PutObject and GetObject requests',
    labelNames: ['operation'] as const, buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'buckethooks_deliveries_total', help: 'Delivery outcomes by hook: delivered, failed (dead-lettered), retried (a failed attempt with a retry scheduled)',
    labelNames: ['bucket', 'hook', 'outcome'] as const, registers: [registry],
  });
  const attempts = new Counter({
    name: 'buckethooks_delivery_attempts_total', help: 'Delivery attempts answered, by hook and result (ok = 2xx)',
    labelNames: ['bucket', 'hook', 'result'] as const, registers: [registry],
  });
  const latency = new Histogram({
    name: 'buckethooks_delivery_duration_seconds', help: 'Time receivers took to answer delivery attempts',
    labelNames: ['bucket', 'hook'] as const, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  new Gauge({
    name: 'buckethooks_pending_deliveries', help: 'Deliveries waiting to be delivered, by hook', labelNames: ['bucket', 'hook'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const p of pending()) this.set({ bucket: p.bucket, hook: p.hookId }, p.pending);
    },
  });
  new Gauge({
    name: 'buckethooks_oldest_pending_age_seconds', help: 'Age of the oldest pending delivery, by hook', labelNames: ['bucket', 'hook'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const p of pending()) if (p.oldestAgeMs !== null) this.set({ bucket: p.bucket, hook: p.hookId }, p.oldestAgeMs / 1000);
    },
  });

  return {
    /** One S3 request answered. */
    s3(operation: string, status: number, ms: number): void {
      s3Requests.inc({ operation, status: String(status) });
      if (operation === 'PutObject' || operation === 'GetObject') s3Latency.observe({ operation }, ms / 1000);
    },
    /** One delivery attempt answered. */
    attempt(bucket: string, hook: string, ok: boolean, ms: number): void {
      attempts.inc({ bucket, hook, result: ok ? 'ok' : 'error' });
      latency.observe({ bucket, hook }, ms / 1000);
    },
    outcome(bucket: string, hook: string, outcome: 'delivered' | 'failed' | 'retried'): void {
      deliveries.inc({ bucket, hook, outcome });
    },
    /** The text exposition format and its content type. */
    async render(): Promise<{ contentType: string; body: string }> {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
