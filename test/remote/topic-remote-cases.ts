// One table of hook writes run against every topic-based remote (the real radosgw and the stand-in that merges by
// Id): add, edit, delete one, delete the last, import with removals, read-only parts kept, and a silent drop
// reported. Each case ends with the document the user is shown being what GET returns, or a message naming the
// difference.
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../src-main/core/remote/connection';
import { getRemoteConfig, putRemoteConfigXml } from '../../src-main/core/remote/remote-notifications';
import { deleteRemoteHooks, upsertRemoteHookVerified } from '../../src-main/core/remote/remote-hooks';
import { writeRemoteDocument } from '../../src-main/core/remote/remote-write';
import { parseRemoteDocument, type RemoteDocument } from '../../src-main/core/remote/remote-document';
import { listTopics, OWN_TOPIC_PREFIX } from '../../src-main/core/remote/topics';
import { importRemoteXml, exportRemoteXml } from '../../src-main/core/remote/portable-config';
import type { HookSpec } from '../../src-main/core/notifications/types';

/** What the cases need: an open connection and a bucket that exists on the remote. */
export interface TopicRemote { conn: Connection; bucket: string; receiverUrl: (path: string) => string }

const hook = (id: string, url: string, over: Partial<HookSpec> = {}): HookSpec =>
  ({ id, dialect: 'vk', url, events: ['s3:ObjectCreated:*'], rules: [{ name: 'Prefix', value: `${id}/` }], ...over });

/** The bucket as GET returns it, compared with what a write said it left there. */
async function expectShown(remote: TopicRemote, shown: RemoteDocument): Promise<void> {
  const config = await getRemoteConfig(remote.conn, remote.bucket);
  if (!config.supported) throw new Error(config.reason);
  const sort = (d: RemoteDocument) => [...d.hooks].sort((a, b) => a.id.localeCompare(b.id));
  expect(sort({ hooks: config.hooks, kept: config.kept })).toEqual(sort(shown));
}

const ownTopics = async (remote: TopicRemote) => (await listTopics(remote.conn)).filter((t) => t.name.startsWith(`${OWN_TOPIC_PREFIX}${remote.bucket}-`));

/** Register the cases; `remote()` is called inside each test (after the caller's beforeAll). */
export function topicRemoteCases(remote: () => TopicRemote): void {
  describe('hook writes read back', () => {
    it('adds a URL hook as a topic it creates, and a second one (VK form) as a TopicConfiguration', async () => {
      const r = remote();
      const first = await upsertRemoteHookVerified(r.conn, r.bucket, hook('one', r.receiverUrl('/one')));
      expect(first.notes.join('\n')).toMatch(/Created topic arn:aws:sns:[^:]*::buckethooks-/);
      expect(first.hooks).toMatchObject([{ id: 'one', dialect: 'topic', url: expect.stringMatching(/^arn:aws:sns:/) }]);
      await expectShown(r, first);
      const second = await upsertRemoteHookVerified(r.conn, r.bucket, hook('two', r.receiverUrl('/two'), { events: ['s3:ObjectRemoved:*'] }));
      expect(second.hooks.map((h) => h.id).sort()).toEqual(['one', 'two']);
      expect((await ownTopics(r)).map((t) => t.endpoint).sort()).toEqual([r.receiverUrl('/one'), r.receiverUrl('/two')]);
      await expectShown(r, second);
    });

    it('edits a hook: new events, filter and URL; the old topic goes with it', async () => {
      const r = remote();
      const edited = await upsertRemoteHookVerified(r.conn, r.bucket,
        hook('one', r.receiverUrl('/one-b'), { events: ['s3:ObjectCreated:Put'], rules: [{ name: 'suffix', value: '.jpg' }] }));
      expect(edited.hooks.find((h) => h.id === 'one')).toMatchObject({ events: ['s3:ObjectCreated:Put'], rules: [{ name: 'suffix', value: '.jpg' }] });
      expect(edited.notes.join('\n')).toMatch(/Deleted topic .*no hook uses it/);
      expect((await ownTopics(r)).map((t) => t.endpoint).sort()).toEqual([r.receiverUrl('/one-b'), r.receiverUrl('/two')]);
      await expectShown(r, edited);
    });

    it('deletes one of two hooks (removed with DELETE ?notification=<Id> where the remote merges)', async () => {
      const r = remote();
      expect(await deleteRemoteHooks(r.conn, r.bucket, ['one'])).toBe(1);
      const config = await getRemoteConfig(r.conn, r.bucket);
      expect(config.supported && config.hooks.map((h) => h.id)).toEqual(['two']);
      expect((await ownTopics(r)).map((t) => t.endpoint)).toEqual([r.receiverUrl('/two')]);
    });

    it('deletes the last hook, and its topic', async () => {
      const r = remote();
      const outcome = await writeRemoteDocument(r.conn, r.bucket, { hooks: [], kept: [] });
      expect(outcome.hooks).toEqual([]);
      await expectShown(r, outcome);
      expect(await ownTopics(r)).toEqual([]);
    });

    it('keeps a filter it cannot edit (S3Metadata) when the hook is edited', async () => {
      const r = remote();
      await upsertRemoteHookVerified(r.conn, r.bucket, hook('meta', r.receiverUrl('/meta')));
      const { hooks: [written] } = parseRemoteDocument((await getRemoteConfig(r.conn, r.bucket) as { xml: string }).xml);
      await putRemoteConfigXml(r.conn, r.bucket, `<NotificationConfiguration><TopicConfiguration><Id>meta</Id><Topic>${written.url}</Topic>`
        + '<Event>s3:ObjectCreated:*</Event><Filter><S3Metadata><FilterRule><Name>x-amz-meta-color</Name><Value>red</Value></FilterRule>'
        + '</S3Metadata></Filter></TopicConfiguration></NotificationConfiguration>');
      const edited = await upsertRemoteHookVerified(r.conn, r.bucket, hook('meta', r.receiverUrl('/meta'), { events: ['s3:ObjectCreated:Put'], rules: [] }));
      expect(edited.hooks[0].kept.map((k) => k.text)).toEqual(['S3Metadata: x-amz-meta-color=red']);
      expect(edited.hooks[0].events).toEqual(['s3:ObjectCreated:Put']);
      await expectShown(r, edited);
    });

    it('imports a file with removals: the bucket ends with exactly the file, URLs turned into topics', async () => {
      const r = remote();
      await upsertRemoteHookVerified(r.conn, r.bucket, hook('a', r.receiverUrl('/a')));
      await upsertRemoteHookVerified(r.conn, r.bucket, hook('b', r.receiverUrl('/b')));
      const file = `<NotificationConfiguration><TopicConfiguration><Id>c</Id><Topic>${r.receiverUrl('/c')}</Topic>`
        + '<Event>s3:ObjectRemoved:*</Event></TopicConfiguration></NotificationConfiguration>';
      const outcome = await importRemoteXml(r.conn, r.bucket, file);
      expect(outcome.hooks.map((h) => h.id)).toEqual(['c']);
      await expectShown(r, outcome);
      expect((await ownTopics(r)).map((t) => t.endpoint)).toEqual([r.receiverUrl('/c')]);
      const exported = parseRemoteDocument(await exportRemoteXml(r.conn, r.bucket));
      expect(exported.hooks).toMatchObject([{ id: 'c', dialect: 'topic', url: r.receiverUrl('/c'), events: ['s3:ObjectRemoved:*'] }]);
    });

    it('names what the remote dropped silently instead of reporting success', async () => {
      const r = remote();
      const { hooks } = parseRemoteDocument((await getRemoteConfig(r.conn, r.bucket) as { xml: string }).xml);
      const asked = { hooks: [{ ...hooks[0], kept: [{ place: 'hook' as const, xml: '<Foo>bar</Foo>', text: 'Foo: bar' }] }], kept: [] };
      await expect(writeRemoteDocument(r.conn, r.bucket, asked)).rejects.toMatchObject({
        code: 'RemoteWriteMismatch', message: expect.stringContaining('hook c: other parts asked Foo: bar, the bucket has (none)'),
      });
      await writeRemoteDocument(r.conn, r.bucket, { hooks: [], kept: [] });
    });
  });
}
