// The exported configuration file on real SQLite: extras (retry policy, maximum age, timeout, secret only when asked)
// travel as processing instructions and come back on import; the file still parses as a plain PUT; the import
// preview shows added / changed / removed hooks and saves nothing; bad instructions are refused and change nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { setupNotifications, type NotificationsFixture } from './notifications-setup';

let fx: NotificationsFixture | undefined;
afterEach(() => { fx?.close(); fx = undefined; });

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const TWO_HOOKS = `<NotificationConfiguration>
  <SimpleTopicConfiguration><Id>thumbs</Id><Event>s3:ObjectCreated:*</Event><Url>http://127.0.0.1:1/thumbs</Url>
    <Filter><S3Key><FilterRule><Name>Prefix</Name><Value>img/</Value></FilterRule></S3Key></Filter></SimpleTopicConfiguration>
  <TopicConfiguration><Id>audit</Id><Topic>http://127.0.0.1:1/audit</Topic><Event>s3:ObjectRemoved:*</Event></TopicConfiguration>
</NotificationConfiguration>`;

async function withExtras(f: NotificationsFixture): Promise<void> {
  await f.notifications.putConfigXml('b1', TWO_HOOKS);
  f.notifications.setHookOptions('b1', 'thumbs', { retrySchedule: [1000, 5000], maxAgeMs: 3_600_000, timeoutMs: 2500, secret: SECRET });
}
const extrasOf = (f: NotificationsFixture, bucket: string) => f.notifications.listHooks(bucket)
  .map((h) => [h.id, h.retrySchedule, h.maxAgeMs, h.timeoutMs, f.notifications.getHookSecret(bucket, h.id)]);

describe('configuration file export and import', () => {
  it('exports each hook\'s extras beside the document, the secret only when asked', async () => {
    fx = setupNotifications('off');
    await withExtras(fx);
    const plain = fx.notifications.exportConfigFile('b1', false);
    expect(plain).toContain('<?buckethooks-hook id="thumbs" retry-schedule-ms="1000 5000" max-age-ms="3600000" timeout-ms="2500"?>');
    expect(plain).not.toContain(SECRET);
    expect(plain).not.toContain('id="audit"');
    expect(plain.replace(/<\?buckethooks-hook[^?]*\?>\n/g, '')).toBe(fx.notifications.getConfigXml('b1'));
    expect(fx.notifications.exportConfigFile('b1', true)).toContain(`timeout-ms="2500" secret="${SECRET}"?>`);
  });

  it('imports an exported file into another bucket with the same hooks and extras', async () => {
    fx = setupNotifications('off');
    await withExtras(fx);
    await fx.notifications.importConfigFile('b2', fx.notifications.exportConfigFile('b1', true));
    expect(fx.notifications.getConfigXml('b2')).toBe(fx.notifications.getConfigXml('b1'));
    expect(extrasOf(fx, 'b2')).toEqual(extrasOf(fx, 'b1'));
    expect(extrasOf(fx, 'b2')[0]).toEqual(['thumbs', [1000, 5000], 3_600_000, 2500, SECRET]);
  });

  it('stays a plain configuration for an S3 PUT, which ignores the instructions', async () => {
    fx = setupNotifications('off');
    await withExtras(fx);
    await fx.notifications.putConfigXml('b2', fx.notifications.exportConfigFile('b1', true));
    expect(extrasOf(fx, 'b2')[0]).toEqual(['thumbs', null, null, 10_000, null]);
  });

  it('previews a one-hook file over two hooks as added, changed and removed, saving nothing', async () => {
    fx = setupNotifications('off');
    await withExtras(fx);
    const before = fx.notifications.getConfigXml('b1');
    const file = `<?xml version="1.0"?>\n<?buckethooks-hook id="thumbs" retry-schedule-ms="2000"?>
<NotificationConfiguration><SimpleTopicConfiguration><Id>thumbs</Id><Event>s3:ObjectCreated:Put</Event><Url>http://127.0.0.1:1/thumbs</Url>
<Filter><S3Key><FilterRule><Name>Prefix</Name><Value>img/</Value></FilterRule></S3Key></Filter></SimpleTopicConfiguration>
<SimpleTopicConfiguration><Id>new</Id><Event>s3:ObjectRemoved:Delete</Event><Url>http://127.0.0.1:1/new</Url></SimpleTopicConfiguration></NotificationConfiguration>`;
    const { diff, extras } = fx.notifications.previewConfigFile('b1', file);
    expect(diff.added.map((h) => h.id)).toEqual(['new']);
    expect(diff.changed.map((c) => [c.before.events, c.after.events])).toEqual([[['s3:ObjectCreated:*'], ['s3:ObjectCreated:Put']]]);
    expect(diff.removed.map((h) => h.id)).toEqual(['audit']);
    expect(diff.changed[0].before).toEqual({ id: 'thumbs', dialect: 'vk', url: 'http://127.0.0.1:1/thumbs', events: ['s3:ObjectCreated:*'], rules: [{ name: 'Prefix', value: 'img/' }] });
    expect([...extras]).toEqual([['thumbs', { retrySchedule: [2000] }]]);
    expect(fx.notifications.getConfigXml('b1')).toBe(before);
    expect(extrasOf(fx, 'b1')[0]).toEqual(['thumbs', [1000, 5000], 3_600_000, 2500, SECRET]);
  });

  it.each([
    ['an instruction for a hook the file lacks', '<?buckethooks-hook id="ghost" timeout-ms="100"?>', /names hook "ghost"/],
    ['a delay that is not a number', '<?buckethooks-hook id="thumbs" retry-schedule-ms="1 soon"?>', /retry-schedule-ms of hook thumbs/],
    ['a malformed secret', '<?buckethooks-hook id="thumbs" secret="hunter2"?>', /secret must be whsec_/],
    ['a timeout out of range', '<?buckethooks-hook id="thumbs" timeout-ms="5"?>', /timeout must be between/],
  ])('refuses %s and changes nothing', async (_what, instruction, message) => {
    fx = setupNotifications('off');
    await withExtras(fx);
    const before = fx.notifications.getConfigXml('b1');
    const file = fx.notifications.exportConfigFile('b1', false).replace('<NotificationConfiguration', `${instruction}\n<NotificationConfiguration`);
    await expect(fx.notifications.importConfigFile('b1', file)).rejects.toThrow(message);
    expect(() => fx!.notifications.previewConfigFile('b1', file)).toThrow(message);
    expect(fx.notifications.getConfigXml('b1')).toBe(before);
    expect(extrasOf(fx, 'b1')[0]).toEqual(['thumbs', [1000, 5000], 3_600_000, 2500, SECRET]);
  });
});
