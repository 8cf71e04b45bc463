// Hook writes against a real Ceph RGW (Debian's radosgw: one mon, one memstore OSD, loopback, started by
// test/helpers/ceph-rgw.ts): the shared cases, and a URL hook added through BucketHooks delivering Ceph's own event
// record to a local receiver. Where the ceph packages are missing it prints `Ceph RGW NOT RUN: <reason>` and the
// Ceph tests are marked skipped, never passed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { connect, type Connection } from '../../src-main/core/remote/connection';
import { upsertRemoteHookVerified } from '../../src-main/core/remote/remote-hooks';
import { startCephRgw, type CephRgw } from '../helpers/ceph-rgw';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { topicRemoteCases } from './topic-remote-cases';

let ceph: CephRgw | undefined;
let conn: Connection;
let receiver: Receiver;

const started = await startCephRgw();
const notRun = typeof started === 'string' ? started : undefined;
if (notRun) process.stderr.write(`\n*** Ceph RGW NOT RUN: ${notRun} ***\n\n`);

beforeAll(async () => {
  if (typeof started === 'string') return;
  ceph = started;
  receiver = await startReceiver();
  conn = connect({ name: 'ceph', endpoint: ceph.endpoint, region: ceph.region, accessKey: ceph.accessKey, secretKey: ceph.secretKey, pathStyle: true, verifyTls: true });
  await conn.s3.send(new CreateBucketCommand({ Bucket: 'photos' }));
  await conn.s3.send(new CreateBucketCommand({ Bucket: 'deliveries' }));
}, 180_000);
afterAll(async () => {
  conn?.close();
  await receiver?.close();
  await ceph?.stop();
}, 60_000);

describe.skipIf(notRun !== undefined)('Ceph RGW (real radosgw)', () => {
  topicRemoteCases(() => ({ conn, bucket: 'photos', receiverUrl: (path) => receiver.urlFor(path) }));

  it('delivers Ceph\'s own event record for a URL hook added through BucketHooks', async () => {
    const outcome = await upsertRemoteHookVerified(conn, 'deliveries',
      { id: 'to-local', dialect: 'vk', url: receiver.urlFor('/ceph'), events: ['s3:ObjectCreated:*'], rules: [{ name: 'Prefix', value: 'in/' }] });
    expect(outcome.hooks).toMatchObject([{ id: 'to-local', dialect: 'topic', rules: [{ name: 'prefix', value: 'in/' }] }]);
    await conn.s3.send(new PutObjectCommand({ Bucket: 'deliveries', Key: 'out/skip.txt', Body: 'no' }));
    await conn.s3.send(new PutObjectCommand({ Bucket: 'deliveries', Key: 'in/cat.jpg', Body: 'meow' }));
    const deadline = Date.now() + 30_000;
    while (!receiver.received.some((r) => r.path === '/ceph') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const got = receiver.received.filter((r) => r.path === '/ceph').map((b) => JSON.parse(b.body) as { Records: Record<string, unknown>[] });
    expect(got).toHaveLength(1);
    expect(got[0].Records[0]).toMatchObject({
      eventVersion: '2.2', eventSource: 'ceph:s3', eventName: 'ObjectCreated:Put',
      s3: { configurationId: 'to-local', bucket: { name: 'deliveries' }, object: { key: 'in/cat.jpg', size: 4 } },
    });
  });
});
