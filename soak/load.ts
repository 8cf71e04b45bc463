// The soak's traffic: S3 writers (PUT, copy, small multipart, DELETE, each key once through its life) spread over the
// soak's buckets, readers (GET, HEAD, LIST), the UI's API calls and live event stream, and replays of failed
// deliveries. Counts every acknowledged change per bucket: each is an event its bucket's hook must receive.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import {
  CompleteMultipartUploadCommand, CopyObjectCommand, CreateMultipartUploadCommand, DeleteObjectCommand, GetObjectCommand,
  HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { FUZZ_KEYS } from '../fuzz/serve';

/** Call the app API on a connection of its own, closed after the answer (so the soak's own sockets never linger). */
export function apiCall(endpoint: string, token: string, method: string, input: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${endpoint}/_api/${method}`, { method: 'POST', agent: false, headers: { authorization: `Bearer ${token}`, connection: 'close' } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as { ok: boolean; result?: unknown; error?: { message: string } };
        if (body.ok) resolve(body.result); else reject(new Error(`${method}: ${body.error?.message}`));
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(input));
  });
}

/** One bucket per receiver: overlapping hooks on one bucket are refused, as S3 refuses them. */
export const BUCKETS = ['soak-flapping', 'soak-healthy', 'soak-inbox'] as const;

/** What the load did: acknowledged changes per bucket (each one event), reads, API calls, replays, failures by kind. */
export interface LoadStats { changes: Record<string, number>; reads: number; apiCalls: number; replays: number; errors: Record<string, number> }

/** Run the load (S3 at `endpoint`, the app API at `app`) until `stopped()` is true; resolves once every worker has finished its last request. */
export async function runLoad({ endpoint, app }: { endpoint: string; app: string }, token: string, stopped: () => boolean, stats: LoadStats): Promise<void> {
  const s3 = new S3Client({ endpoint, region: 'ru-msk', forcePathStyle: true, maxAttempts: 1,
    credentials: { accessKeyId: FUZZ_KEYS.accessKey, secretAccessKey: FUZZ_KEYS.secretKey } });
  const fail = (kind: string) => (err: unknown) => { const k = `${kind}: ${(err as Error).name}`; stats.errors[k] = (stats.errors[k] ?? 0) + 1; };
  const api = (method: string, input: unknown) => { stats.apiCalls++; return apiCall(app, token, method, input); };
  let next = 0;

  async function lifecycle(): Promise<void> {
    const key = `w/${next++}`;
    const bucket = BUCKETS[next % BUCKETS.length];
    const changed = () => { stats.changes[bucket] = (stats.changes[bucket] ?? 0) + 1; };
    const size = [512, 4096, 65_536, 262_144][next % 4];
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: randomBytes(size) }));
    changed();
    await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToByteArray();
    stats.reads++;
    if (next % 10 === 0) {
      await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: `${key}.copy`, CopySource: `${bucket}/${key}` }));
      changed();
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: `${key}.copy` }));
      changed();
    }
    if (next % 25 === 0) {
      const up = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: `${key}.mp` }));
      const part = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: `${key}.mp`, UploadId: up.UploadId, PartNumber: 1, Body: 'one part' }));
      await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: `${key}.mp`, UploadId: up.UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
      changed();
    }
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    changed();
  }

  const loop = async (work: () => Promise<unknown>, kind: string, pauseMs: number) => {
    while (!stopped()) {
      await work().catch(fail(kind));
      if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
    }
  };
  const reader = async () => {
    const bucket = BUCKETS[next % BUCKETS.length];
    await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'w/', MaxKeys: 200 }));
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'w/0' })).catch(() => undefined);
    stats.reads++;
  };
  const ui = async () => {
    const bucket = BUCKETS[next % BUCKETS.length];
    for (const [m, input] of [['server.status', {}], ['objects.list', { bucket, prefix: 'w/', limit: 100 }], ['hooks.list', { bucket }],
      ['deliveries.list', { limit: 50 }], ['inbox.captures', { name: 'soak', limit: 20 }], ['inbox.usage', {}]] as const) await api(m, input);
  };
  const replays = async () => {
    // Replays are bounded (3 jobs at once): one still running from an earlier round is not a client error.
    await api('deliveries.replayAll', { filter: { status: 'failed' } })
      .catch((err: Error) => { if (!err.message.includes('already running')) throw err; });
    stats.replays++;
  };
  // The UI's live event stream stays open for the whole run, as an open app window keeps it.
  const events = http.get(`${app}/_events?token=${token}`, { agent: false }, (res) => res.resume());
  events.on('error', () => undefined);
  await Promise.all([
    loop(lifecycle, 'write', 0), loop(lifecycle, 'write', 0), loop(lifecycle, 'write', 0),
    loop(reader, 'read', 50), loop(ui, 'ui', 500), loop(replays, 'replay', 15_000),
  ]);
  events.destroy();
  s3.destroy();
}
