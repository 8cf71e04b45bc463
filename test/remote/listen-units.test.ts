// The pure parts of listen: what a request to the relay is, the printed event summary, tunnel output parsing and the
// hint, a request's checks (a clear error naming the field), the hook written, and the drift a re-read reports.
import { describe, expect, it } from 'vitest';
import { classify, subscribeUrlAllowed, summarizeEvent } from '../../src-main/core/remote/listen/incoming';
import { tunnelHint, urlInLine } from '../../src-main/core/remote/listen/tunnel';
import { checkListenRequest, listenHook, staleListenHooks } from '../../src-main/core/remote/listen/listen-hook';
import { forwardedEventId } from '../../src-main/core/delivery/forwarded';
import { AppError } from '../../src-main/core/kernel/app-error';

const record = (eventName: string, key: string) => ({ Records: [{ eventName, s3: { object: { key } } }] });
const base = { profile: 'vk', bucket: 'photos', forwardTo: 'http://localhost:3000/hook' };

describe('what reaches the relay', () => {
  it('tells VK\'s handshake, SNS\'s, a malformed one, the s3:TestEvent and events apart', () => {
    const vk = { Type: 'SubscriptionConfirmation', Token: 't', Timestamp: '2019-12-26T19:29:12+03:00', TopicArn: 'o|b|e' };
    expect(classify('SubscriptionConfirmation', JSON.stringify(vk)).kind).toBe('vk-handshake');
    expect(classify(undefined, JSON.stringify({ ...vk, SubscribeURL: 'https://sns/confirm' }))).toEqual({ kind: 'sns-subscribe', subscribeUrl: 'https://sns/confirm', topicArn: 'o|b|e' });
    expect(classify('SubscriptionConfirmation', '{"Token": 1}').kind).toBe('bad-handshake');
    expect(classify('Notification', '{"Event":"s3:TestEvent","Bucket":"b"}')).toEqual({ kind: 'test-event' });
    expect(classify('Notification', JSON.stringify(record('s3:ObjectCreated:Put', 'a+b%2Fc.txt')))).toEqual({ kind: 'event', eventName: 's3:ObjectCreated:Put', key: 'a b/c.txt' });
    expect(classify(undefined, 'not json')).toEqual({ kind: 'event', eventName: 'unknown-event', key: '' });
  });

  it('visits only SubscribeURLs of AWS SNS or of the remote profile\'s own host', () => {
    expect(subscribeUrlAllowed('https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription', 'https://s3.amazonaws.com')).toBe(true);
    expect(subscribeUrlAllowed('https://sns.cn-north-1.amazonaws.com.cn/?x', 'https://hb.ru-msk.vkcloud-storage.ru')).toBe(true);
    expect(subscribeUrlAllowed('http://rgw.lan:8000/?Action=ConfirmSubscription', 'http://rgw.lan:7480')).toBe(true);
    expect(subscribeUrlAllowed('http://169.254.169.254/latest/meta-data', 'https://hb.ru-msk.vkcloud-storage.ru')).toBe(false);
    expect(subscribeUrlAllowed('https://evilamazonaws.com/', 'https://hb.ru-msk.vkcloud-storage.ru')).toBe(false);
    expect(subscribeUrlAllowed('not a url', 'https://h')).toBe(false);
  });

  it('summarises an SNS envelope and a batch', () => {
    const envelope = { Type: 'Notification', Message: JSON.stringify(record('ObjectRemoved:Delete', 'x')) };
    expect(summarizeEvent(envelope)).toEqual({ eventName: 'ObjectRemoved:Delete', key: 'x' });
    expect(summarizeEvent({ Records: [record('e', 'k').Records[0], record('e', 'l').Records[0]] })).toEqual({ eventName: 'e', key: 'k (+1 more)' });
  });

  it('recognises a retry by its webhook-id, else by its body', () => {
    expect(forwardedEventId({ 'webhook-id': 'abc' }, '{}')).toBe('abc');
    expect(forwardedEventId({}, '{"a":1}')).toBe(forwardedEventId({}, '{"a":1}'));
    expect(forwardedEventId({}, '{"a":1}')).not.toBe(forwardedEventId({}, '{"a":2}'));
  });
});

describe('tunnels', () => {
  it('reads cloudflared\'s boxed URL and ngrok\'s url=, and nothing from other lines', () => {
    expect(urlInLine('cloudflared', '2026-01-01T00:00:00Z INF |  https://big-cat-sun.trycloudflare.com                   |')).toBe('https://big-cat-sun.trycloudflare.com');
    expect(urlInLine('cloudflared', 'INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |')).toBeUndefined();
    expect(urlInLine('cloudflared', 'INF Registered tunnel connection connIndex=0 url=https://x.trycloudflare.com')).toBe('https://x.trycloudflare.com');
    expect(urlInLine('ngrok', 't=2026 lvl=info msg="started tunnel" obj=tunnels name=command_line addr=http://localhost:8787 url=https://ab12.ngrok-free.app')).toBe('https://ab12.ngrok-free.app');
    expect(urlInLine('ngrok', 't=2026 lvl=info msg="client session established"')).toBeUndefined();
  });

  it('says how to start one by hand, with the port to pass', () => {
    expect(tunnelHint(9100)).toContain('cloudflared tunnel --url http://127.0.0.1:9100');
    expect(tunnelHint(undefined)).toContain('--port 8787 --public-url');
  });
});

describe('a listen request', () => {
  it('fills the defaults', () => {
    expect(checkListenRequest(base)).toMatchObject({ port: 0, events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'], dialect: 'vk', ackAlways: false, clean: false });
  });

  it.each([
    [{ forwardTo: 'ftp://x' }, 'forwardTo: ftp://x is not an http(s) URL'],
    [{ publicUrl: 'nope' }, 'publicUrl: nope is not an http(s) URL'],
    [{ port: 70000 }, 'port: 70000 is not a port number (0-65535)'],
    [{ events: ['s3:ObjectCreated:Move'] }, 'events: s3:ObjectCreated:Move is not an S3 notification event'],
    [{ dialect: 'gcs' as 'vk' }, 'dialect: gcs is not vk or aws'],
  ])('refuses %o with a message naming the field', (over, message) => {
    expect(() => checkListenRequest({ ...base, ...over })).toThrow(message);
    expect(() => checkListenRequest({ ...base, ...over })).toThrow(AppError);
  });

  it('writes the hook in the dialect asked for, with its filter, and finds stale ones by Id', () => {
    expect(listenHook('buckethooks-listen-1', 'https://t', { events: ['s3:ObjectCreated:*'], prefix: 'a/', suffix: '', dialect: 'vk' }))
      .toEqual({ id: 'buckethooks-listen-1', dialect: 'vk', url: 'https://t', events: ['s3:ObjectCreated:*'], rules: [{ name: 'Prefix', value: 'a/' }] });
    expect(listenHook('i', 'https://t', { events: ['s3:ObjectCreated:*'], prefix: '', suffix: '.jpg', dialect: 'aws' }))
      .toMatchObject({ dialect: 'topic', rules: [{ name: 'suffix', value: '.jpg' }] });
    const hook = (id: string) => ({ id, dialect: 'vk' as const, url: 'https://t', events: [], rules: [] });
    expect(staleListenHooks([hook('mine'), hook('buckethooks-listen-ab'), hook('x-buckethooks-listen-')])).toEqual(['buckethooks-listen-ab']);
  });
});
