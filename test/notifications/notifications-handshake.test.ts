// The VK handshake as data: VK's own test vector, the local-offset timestamp, tokens and request body.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handshakeSignature, localTimestamp, newHandshakeToken, subscriptionConfirmation } from '../../src-main/core/notifications/handshake';

const vector = JSON.parse(readFileSync(new URL('../fixtures/vk-subscription-confirmation.json', import.meta.url), 'utf8')) as {
  request: { Timestamp: string; TopicArn: string; Token: string; Type: string; SignatureVersion: number };
  url: string; expected_response: { signature: string };
};

describe('VK handshake', () => {
  it('matches VK test vector', () => {
    const { Token, Timestamp, TopicArn } = vector.request;
    expect(handshakeSignature(Token, Timestamp, TopicArn, vector.url)).toBe(vector.expected_response.signature);
    expect(handshakeSignature(Token, Timestamp, TopicArn, 'http://test.com/')).not.toBe(vector.expected_response.signature);
  });

  it.each([
    [Date.UTC(2019, 11, 26, 16, 29, 12), 180, '2019-12-26T19:29:12+03:00'],
    [Date.UTC(2019, 11, 26, 16, 29, 12), 0, '2019-12-26T16:29:12+00:00'],
    [Date.UTC(2019, 11, 26, 1, 0, 0), -210, '2019-12-25T21:30:00-03:30'],
    [Date.UTC(2019, 11, 31, 20, 0, 59), 330, '2020-01-01T01:30:59+05:30'],
  ])('formats %s at offset %s as %s', (ms, offset, expected) => {
    expect(localTimestamp(ms, offset)).toBe(expected);
  });

  it('uses the machine offset by default', () => {
    const now = Date.UTC(2020, 5, 1);
    expect(localTimestamp(now)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(Date.parse(localTimestamp(now))).toBe(now);
  });

  it('tokens are 48 random alphanumerics', () => {
    const a = newHandshakeToken();
    expect(a).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(newHandshakeToken()).not.toBe(a);
  });

  it('builds the request body with the fields VK sends', () => {
    const body = subscriptionConfirmation('owner1', 'bkt', 's3:ObjectCreated:Put', Date.UTC(2020, 0, 1), 'T'.repeat(48));
    expect(Object.keys(body).sort()).toEqual(Object.keys(vector.request).sort().filter((k) => k !== 'Message').concat('Message').sort());
    expect(body).toMatchObject({ Type: 'SubscriptionConfirmation', SignatureVersion: 1, TopicArn: 'owner1|bkt|s3:ObjectCreated:Put', Token: 'T'.repeat(48) });
    expect(body.Message).toContain('owner1|bkt|s3:ObjectCreated:Put');
  });
});
