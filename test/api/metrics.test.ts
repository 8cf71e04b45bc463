// GET /_metrics on the app listener: the token is required like the app API's; the body parses with a Prometheus
// text-format parser; its delivery counters equal the delivery log's counts, its S3 counters the requests made.
import { afterEach, describe, expect, it } from 'vitest';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { startTestCore, type TestCore } from '../helpers/core';
import { startReceiver } from '../helpers/receiver';

interface Family { name: string; type: string; metrics: { labels?: Record<string, string>; value?: string; buckets?: Record<string, string>; count?: string }[] }

const closers: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of closers.splice(0).reverse()) await c(); });

/** A receiver answering 503 to every third POST. */
async function receiver(): Promise<string> {
  const r = await startReceiver();
  closers.push(() => r.close());
  let n = 0;
  r.behave(() => ({ status: n++ % 3 === 0 ? 503 : 204 }));
  return r.url;
}

const value = (families: Family[], name: string, labels: Record<string, string>): number => {
  const family = families.find((f) => f.name === name);
  const m = family?.metrics.find((x) => Object.entries(labels).every(([k, v]) => x.labels?.[k] === v));
  return Number(m?.value ?? m?.count ?? 0);
};

describe('/_metrics', () => {
  it('needs the token, parses as Prometheus text, and its counters equal the log', async () => {
    const core: TestCore = await startTestCore();
    closers.push(() => core.stop());
    await core.api['buckets.create']({ name: 'bkt' });
    await core.api['hooks.upsert']({ bucket: 'bkt', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url: await receiver(), retrySchedule: [20, 20, 20] } });
    for (let i = 0; i < 12; i++) await core.s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: `k${i}`, Body: 'x' }));
    const got = await core.s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'k0' }));
    await got.Body?.transformToString();
    await expect.poll(() => core.delivery.count({ bucket: 'bkt' }).delivered, { timeout: 10_000 }).toBe(12);
    await expect.poll(() => core.delivery.inFlight()).toBe(0);

    expect((await fetch(`${core.appEndpoint}/_metrics`)).status).toBe(401);
    // The S3 listener has no /_metrics: there it is the path of a bucket named _metrics (S3 answers it, not the metrics).
    const onS3 = await fetch(`${core.endpoint}/_metrics?token=${core.token}`);
    expect(onS3.status).not.toBe(200);
    expect(await onS3.text()).not.toContain('buckethooks_');
    const res = await fetch(`${core.appEndpoint}/_metrics`, { headers: { authorization: `Bearer ${core.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const families = parsePrometheusTextFormat(text) as Family[];
    // The parser keeps no labels on histogram samples: their counts are read from the (already parsed) text itself.
    const histogramCount = (name: string, labels: string) => Number(new RegExp(`^${name}_count\\{${labels}\\} (\\d+)$`, 'm').exec(text)?.[1]);

    const attempts = core.delivery.list({ bucket: 'bkt' }).items.flatMap((d) => core.delivery.get(d.id)!.attemptLog);
    const failedAttempts = attempts.filter((a) => a.responseStatus !== 204).length;
    expect(failedAttempts).toBeGreaterThan(0);
    expect(value(families, 'buckethooks_deliveries_total', { hook: 'h', outcome: 'delivered' })).toBe(core.delivery.count({ bucket: 'bkt' }).delivered);
    expect(value(families, 'buckethooks_deliveries_total', { hook: 'h', outcome: 'retried' })).toBe(failedAttempts);
    expect(value(families, 'buckethooks_delivery_attempts_total', { hook: 'h', result: 'ok' })).toBe(attempts.length - failedAttempts);
    expect(value(families, 'buckethooks_delivery_attempts_total', { hook: 'h', result: 'error' })).toBe(failedAttempts);
    expect(families.find((f) => f.name === 'buckethooks_delivery_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(histogramCount('buckethooks_delivery_duration_seconds', 'bucket="bkt",hook="h"')).toBe(attempts.length);
    expect(value(families, 'buckethooks_s3_requests_total', { operation: 'PutObject', status: '200' })).toBe(12);
    expect(value(families, 'buckethooks_s3_requests_total', { operation: 'GetObject', status: '200' })).toBe(1);
    expect(histogramCount('buckethooks_s3_request_duration_seconds', 'operation="PutObject"')).toBe(12);
    expect(histogramCount('buckethooks_s3_request_duration_seconds', 'operation="GetObject"')).toBe(1);
    expect(families.find((f) => f.name === 'buckethooks_pending_deliveries')?.type).toBe('GAUGE');
    expect(families.some((f) => f.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('counts pending deliveries per hook at scrape time', async () => {
    const core = await startTestCore({}, { paused: true });
    closers.push(() => core.stop());
    await core.api['buckets.create']({ name: 'bkt' });
    await core.api['hooks.upsert']({ bucket: 'bkt', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url: 'http://127.0.0.1:9/hook' } });
    for (let i = 0; i < 3; i++) await core.s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: `k${i}`, Body: 'x' }));
    const text = await (await fetch(`${core.appEndpoint}/_metrics?token=${core.token}`)).text();
    const families = parsePrometheusTextFormat(text) as Family[];
    expect(value(families, 'buckethooks_pending_deliveries', { bucket: 'bkt', hook: 'h' })).toBe(3);
  });
});
