// An app's test of its upload path against BucketHooks: a PUT under the hook's prefix fires it with the key encoded
// as S3 encodes it, a delete fires ObjectRemoved, and a key outside the prefix fires nothing.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startBucketHooks, type BucketHooks } from 'buckethooks';

let bh: BucketHooks;

beforeAll(async () => {
  bh = await startBucketHooks();
  await bh.addHook('photos', { id: 'uploads', events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'], prefix: 'in/' });
});

afterAll(async () => {
  await bh.close();
});

test('a PUT fires the hook, with the key URL-encoded in the record', async () => {
  await bh.s3Client().send(new PutObjectCommand({ Bucket: 'photos', Key: 'in/my cat.jpg', Body: 'meow' }));

  const delivered = await bh.waitForDelivery({ bucket: 'photos', key: 'in/my cat.jpg' }, { timeoutMs: 10_000 });

  expect(delivered.eventName).toBe('s3:ObjectCreated:Put');
  expect(delivered.record.s3.configurationId).toBe('uploads');
  expect(delivered.record.s3.object.key).toBe('in/my+cat.jpg');
  expect(delivered.record.s3.object.size).toBe(4);
});

test('a delete fires ObjectRemoved:Delete; a key outside the prefix fires nothing', async () => {
  const s3 = bh.s3Client();
  await s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'out/skipped.jpg', Body: 'x' }));
  await s3.send(new DeleteObjectCommand({ Bucket: 'photos', Key: 'in/my cat.jpg' }));

  const removed = await bh.waitForDelivery({ bucket: 'photos', key: 'in/my cat.jpg', event: 's3:ObjectRemoved:*' });

  expect(removed.record.eventName).toBe('s3:ObjectRemoved:Delete');
  expect(removed.record.s3.object.size).toBeUndefined();
  // The outbox row of a change is written with the change: none for the key outside the prefix.
  expect(await bh.deliveries({ bucket: 'photos', keyPrefix: 'out/' })).toEqual([]);
});
