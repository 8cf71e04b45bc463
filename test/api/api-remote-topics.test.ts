// The app API over HTTP on a remote that names topics and merges by Id (the Ceph stand-in): a hook added for a URL
// gets a topic and is shown with that URL, a filter BucketHooks cannot edit is listed read-only and survives an
// edit, "Send test" reaches the topic's URL, and a configuration moves remote → this computer → remote with topic
// ARNs and URLs translated both ways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult, HookView, ImportPreview, TestAnswer } from '../../src-shared/contract';
import { startTestCore, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startMergingRemote, type MergingRemote } from '../helpers/merging-remote';

let app: TestCore;
let standIn: MergingRemote;
let good: Receiver;

beforeAll(async () => {
  [app, standIn, good] = await Promise.all([startTestCore({ confirmMode: 'off' }), startMergingRemote(), startReceiver()]);
});
afterAll(async () => { await app?.stop(); await standIn?.close(); await good?.close(); });

async function ok<T>(method: string, input: unknown): Promise<T> {
  const res = await fetch(`${app.appEndpoint}/_api/${method}`, {
    method: 'POST', body: JSON.stringify(input), headers: { 'content-type': 'application/json', authorization: `Bearer ${app.token}` },
  });
  const reply = await res.json() as ApiResult<T>;
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.result;
}
const ceph = { profile: 'ceph' };
const hook = (id: string, url: string, over: object = {}) => ({ id, events: ['s3:ObjectCreated:*'], url, ...over });

describe('Webhooks tab on a topic-based remote', () => {
  it('adds a URL hook through a topic it creates and reports what it read back', async () => {
    await ok('profiles.save', { name: 'ceph', endpoint: standIn.endpoint, region: 'default', accessKey: 'AK', secretKey: 'SK', pathStyle: true, verifyTls: true });
    const added = await ok<{ hook: HookView; handshake: { status: string; message: string } }>('hooks.upsert',
      { ...ceph, bucket: 'photos', hook: hook('one', good.urlFor('/one'), { prefix: 'a/' }) });
    expect(added.handshake.status).toBe('remote');
    expect(added.handshake.message).toMatch(/^Read back from 127\.0\.0\.1:\d+: the bucket holds the hook as asked\. Created topic arn:aws:sns:default::buckethooks-photos-/);
    expect(added.hook).toMatchObject({ id: 'one', dialect: 'topic', url: good.urlFor('/one'), prefix: 'a/', topicArn: expect.stringMatching(/^arn:aws:sns:default::buckethooks-photos-/) });
  });

  it('lists a filter it cannot edit as read-only and keeps it through an edit', async () => {
    const [one] = await ok<HookView[]>('hooks.list', { ...ceph, bucket: 'photos' });
    await fetch(`${standIn.endpoint}/photos?notification`, { method: 'PUT', body: `<NotificationConfiguration><TopicConfiguration><Id>meta</Id>`
      + `<Topic>${one.topicArn}</Topic><Event>s3:ObjectCreated:*</Event><Filter><S3Tags><FilterRule><Name>env</Name><Value>prod</Value>`
      + '</FilterRule></S3Tags></Filter></TopicConfiguration></NotificationConfiguration>' });
    const listed = await ok<HookView[]>('hooks.list', { ...ceph, bucket: 'photos' });
    expect(listed.map((h) => [h.id, h.url, h.readOnly])).toEqual([['meta', good.urlFor('/one'), ['S3Tags: env=prod']], ['one', good.urlFor('/one'), []]]);
    const edited = await ok<{ hook: HookView }>('hooks.upsert', { ...ceph, bucket: 'photos', hook: hook('meta', good.urlFor('/one'), { events: ['s3:ObjectRemoved:*'] }), replaceId: 'meta' });
    expect(edited.hook).toMatchObject({ events: ['s3:ObjectRemoved:*'], readOnly: ['S3Tags: env=prod'], topicArn: one.topicArn });
  });

  it('sends the test event to the URL the topic pushes to', async () => {
    const sent = await ok<{ answer: TestAnswer }>('hooks.sendTest', { ...ceph, bucket: 'photos', id: 'one' });
    expect(sent.answer).toMatchObject({ ok: true, status: 200 });
    expect(good.received.map((r) => r.path)).toContain('/one');
  });

  it('deletes one hook where a PUT alone would keep it', async () => {
    expect(await ok('hooks.delete', { ...ceph, bucket: 'photos', ids: ['meta'] })).toEqual({ deleted: 1 });
    expect((await ok<HookView[]>('hooks.list', { ...ceph, bucket: 'photos' })).map((h) => h.id)).toEqual(['one']);
  });

  it('moves the configuration to this computer and back, URLs and topic ARNs translated', async () => {
    const { xml } = await ok<{ xml: string }>('hooks.exportXml', { ...ceph, bucket: 'photos' });
    expect(xml).toContain(`<Topic>${good.urlFor('/one')}</Topic>`);
    expect(xml).not.toContain('arn:aws:sns');
    await ok('buckets.create', { name: 'photos' });
    const local = await ok<HookView[]>('hooks.importXml', { bucket: 'photos', xml });
    expect(local.map((h) => [h.id, h.url, h.prefix])).toEqual([['one', good.urlFor('/one'), 'a/']]);
    const back = await ok<{ xml: string }>('hooks.exportXml', { bucket: 'photos' });
    const preview = await ok<ImportPreview>('hooks.previewImport', { ...ceph, bucket: 'photos', xml: back.xml });
    expect([preview.added.length, preview.changed.length, preview.removed.length, preview.unchanged.length]).toEqual([0, 0, 0, 1]);
    const copied = await ok<HookView[]>('hooks.importXml', { ...ceph, bucket: 'copy', xml: back.xml });
    expect(copied).toMatchObject([{ id: 'one', url: good.urlFor('/one'), prefix: 'a/', topicArn: expect.stringMatching(/buckethooks-copy-/) }]);
  });
});
