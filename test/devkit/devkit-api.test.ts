// startBucketHooks from the sources: addHook (bucket created, inbox by default, refusals with their reason),
// waitForDelivery (each delivered event returned once, oldest first, events after the call, a timeout naming the key
// and what the log holds), deliveries(filter) and close() removing the temporary data folder.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startBucketHooks } from '../../src-main/devkit/start-bucket-hooks';
import type { BucketHooks } from '../../src-main/devkit/types';

let bh: BucketHooks;

beforeAll(async () => { bh = await startBucketHooks(); });
afterAll(async () => { await bh.close(); });

const put = (key: string, body: string) => bh.s3Client().send(new PutObjectCommand({ Bucket: 'pics', Key: key, Body: body }));

describe('startBucketHooks', () => {
  it('adds a hook to the built-in inbox, creating the bucket, and waits for each delivered event once, oldest first', async () => {
    expect(await bh.addHook('pics', { id: 'all', events: ['s3:ObjectCreated:*'] })).toEqual({ id: 'all', url: bh.inboxUrl });
    await put('a.txt', 'one');
    await put('a.txt', 'three');
    const first = await bh.waitForDelivery({ bucket: 'pics', key: 'a.txt' });
    const second = await bh.waitForDelivery({ bucket: 'pics', key: 'a.txt', event: 's3:ObjectCreated:Put', hookId: 'all' });
    expect([first.record.s3.object.size, second.record.s3.object.size]).toEqual([3, 5]);
    expect(first.id).toBeLessThan(second.id);
    expect(first.json.Records).toHaveLength(1);
    expect(JSON.parse(second.body)).toEqual(second.json);
    const later = bh.waitForDelivery({ bucket: 'pics', key: 'a.txt' });
    await put('a.txt', 'four');
    expect((await later).record.s3.object.size).toBe(4);
  });

  it('rejects on timeout naming what it waited for and what the log holds', async () => {
    await expect(bh.waitForDelivery({ bucket: 'pics', key: 'never.txt' }, { timeoutMs: 200 })).rejects.toThrow(
      'waitForDelivery: no delivered event of pics/never.txt within 200 ms; no delivery of that key is in the log',
    );
    await expect(bh.addHook('pics', { id: 'down', events: ['s3:ObjectRemoved:*'], url: 'http://127.0.0.1:1/hook' }))
      .rejects.toThrow(/http:\/\/127\.0\.0\.1:1\/hook/);
    await expect(bh.waitForDelivery({ bucket: 'pics', key: 'a.txt', event: 's3:ObjectRemoved:*' }, { timeoutMs: 200 })).rejects.toThrow(
      /no delivered s3:ObjectRemoved:\* event of pics\/a\.txt within 200 ms; the log has 3 delivered for that key/,
    );
  });

  it('lists deliveries by filter, newest first', async () => {
    const rows = await bh.deliveries({ bucket: 'pics', keyPrefix: 'a.' });
    expect(rows.map((r) => r.key)).toEqual(['a.txt', 'a.txt', 'a.txt']);
    expect(rows[0].id).toBeGreaterThan(rows[2].id);
  });

  it("gives a hook its realism: with duplicateRate 1 each event is posted twice, the copy marked in the log", async () => {
    await bh.addHook('dups', { id: 'twice', events: ['s3:ObjectCreated:*'], realism: { duplicateRate: 1, seed: 3 } });
    await bh.s3Client().send(new PutObjectCommand({ Bucket: 'dups', Key: 'x', Body: 'y' }));
    const delivered = await bh.waitForDelivery({ bucket: 'dups', key: 'x' });
    await expect.poll(async () => (await bh.api['deliveries.get']({ id: delivered.id })).attempts.map((a) => a.trigger)).toEqual(['initial', 'duplicate']);
    expect((await bh.api['hooks.list']({ bucket: 'dups' }))[0].realism).toMatchObject({ seed: 3, duplicateRate: 1, reorderWindowMs: 0 });
  });

  it('close() stops the server, rejects pending waits and removes the temporary data folder', async () => {
    const other = await startBucketHooks({ confirm: 'off', credentials: { accessKeyId: 'AKIAFIXEDKEY0000001', secretAccessKey: 'fixed-secret-0123456789' } });
    expect(other.credentials.accessKeyId).toBe('AKIAFIXEDKEY0000001');
    const waiting = other.waitForDelivery({ bucket: 'x', key: 'y' }, { timeoutMs: 60_000 });
    await other.close();
    await expect(waiting).rejects.toThrow('waitForDelivery: the server was closed');
    expect(existsSync(other.dataDir)).toBe(false);
  });
});
