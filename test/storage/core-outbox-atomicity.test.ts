// An object change and its outbox rows commit together through a real core (S3 listener → storage →
// notifications → outbox writer): when the outbox insert fails, the change is answered with an error and
// leaves neither the object change nor an event behind; writes to other buckets go on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateBucketCommand, DeleteObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { waitFor } from '../delivery/delivery-harness';

/** Makes every outbox insert fail, the way a full disk or a broken schema would. */
const REFUSE_OUTBOX = `CREATE TRIGGER refuse_outbox BEFORE INSERT ON deliveries BEGIN SELECT RAISE(ABORT, 'outbox refused'); END`;

describe('object change and outbox rows in one transaction (real core)', () => {
  let core: TestCore;
  let s3: S3Client;
  beforeEach(async () => {
    core = await startTestCore();
    // No SDK retries: each request is answered once, so what it left behind is its own doing.
    s3 = new S3Client({ endpoint: core.endpoint, region: 'ru-msk', forcePathStyle: true, maxAttempts: 1,
      credentials: { accessKeyId: TEST_KEYS.accessKey, secretAccessKey: TEST_KEYS.secretKey } });
    for (const Bucket of ['hooked', 'plain']) await s3.send(new CreateBucketCommand({ Bucket }));
    await core.notifications.upsertHook('hooked', { id: 'all', url: `${core.endpoint}/_inbox/atomic`, events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'] });
  });
  afterEach(async () => { s3.destroy(); await core.stop(); });

  const head = (Bucket: string, Key: string) => s3.send(new HeadObjectCommand({ Bucket, Key }))
    .then((h) => ({ status: 200, etag: h.ETag }), (err: { $metadata?: { httpStatusCode?: number } }) => ({ status: err.$metadata?.httpStatusCode, etag: undefined }));
  const events = () => core.delivery.list({ bucket: 'hooked' }).items;

  it('a PUT whose outbox insert fails answers 500 and the object stays absent; other buckets still write', async () => {
    core.db.exec(REFUSE_OUTBOX);
    const [hooked, plain] = await Promise.allSettled([
      s3.send(new PutObjectCommand({ Bucket: 'hooked', Key: 'k', Body: 'never acknowledged' })),
      s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'k', Body: 'no hook, no outbox row' })),
    ]);
    expect(hooked).toMatchObject({ status: 'rejected', reason: { name: 'InternalError', $metadata: { httpStatusCode: 500 } } });
    expect(plain.status).toBe('fulfilled');
    expect(await head('hooked', 'k')).toEqual({ status: 404, etag: undefined });
    expect((await s3.send(new ListObjectsV2Command({ Bucket: 'hooked' }))).KeyCount).toBe(0);
    expect((await head('plain', 'k')).status).toBe(200);
    expect(events()).toEqual([]);

    core.db.exec('DROP TRIGGER refuse_outbox');
    await s3.send(new PutObjectCommand({ Bucket: 'hooked', Key: 'k', Body: 'acknowledged' }));
    await waitFor(() => events()[0]?.status === 'delivered', 5000, 'the event of the acknowledged PUT delivered');
    expect(events()).toMatchObject([{ key: 'k', eventName: 's3:ObjectCreated:Put' }]);
  });

  it('a DELETE whose outbox insert fails answers 500 and the object stays as it was', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'hooked', Key: 'k', Body: 'kept' }));
    await waitFor(() => events().length === 1 && events()[0].status !== 'pending', 5000, 'the PUT event delivered');
    core.db.exec(REFUSE_OUTBOX);
    await expect(s3.send(new DeleteObjectCommand({ Bucket: 'hooked', Key: 'k' })))
      .rejects.toMatchObject({ name: 'InternalError', $metadata: { httpStatusCode: 500 } });
    expect(await head('hooked', 'k')).toEqual({ status: 200, etag: put.ETag });
    expect(events().map((e) => e.eventName)).toEqual(['s3:ObjectCreated:Put']);
  });
});
