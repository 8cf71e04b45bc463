// Refusals that say what to do, as pure functions: what was sent named when the service sent no message, and the one
// hint known for VK's dialect on a service without it, a URL where a topic ARN is needed, and a failed handshake.
import { describe, expect, it } from 'vitest';
import { describeRequest, refusalHint, refusalLine } from '../../src-main/core/remote/refusal';

const vk = '<NotificationConfiguration><SimpleTopicConfiguration><Id>a</Id><Url>http://x/h</Url></SimpleTopicConfiguration></NotificationConfiguration>';
const awsUrl = '<NotificationConfiguration><TopicConfiguration><Id>a</Id><Topic>https://x/h</Topic></TopicConfiguration>'
  + '<TopicConfiguration><Id>b</Id><Topic>https://x/i</Topic></TopicConfiguration></NotificationConfiguration>';
const awsArn = '<NotificationConfiguration><TopicConfiguration><Id>a</Id><Topic>arn:aws:sns:default::t</Topic></TopicConfiguration></NotificationConfiguration>';
const put = (body: string) => ({ method: 'PUT', subresource: 'notification', body });

describe('describeRequest', () => {
  it.each([
    [put(vk), 'PUT ?notification with 1 VK SimpleTopicConfiguration hook'],
    [put(awsUrl), 'PUT ?notification with 2 AWS TopicConfiguration hooks'],
    [put('<NotificationConfiguration/>'), 'PUT ?notification with no hooks (an empty configuration)'],
    [{ method: 'GET', subresource: 'notification' }, 'GET ?notification'],
  ])('%j → %s', (request, line) => expect(describeRequest(request)).toBe(line));
});

describe('refusalHint', () => {
  it.each([
    ['MalformedXML', '', put(vk), /does not take VK's SimpleTopicConfiguration/],
    ['InvalidArgument', '', put(awsUrl), /needs a topic ARN/],
    ['InvalidArgument', 'Invalid topic ARN', put(awsUrl), /needs a topic ARN/],
    ['InvalidArgument', 'http://x/h: wrong signature (expected 1, got 2)', put(vk), /could not complete the URL handshake/],
    ['InvalidArgument', '', put(vk), /could not complete the URL handshake/],
  ])('%s "%s" → a hint', (code, message, request, hint) => expect(refusalHint(code, message, request)).toMatch(hint));

  it.each([
    ['MalformedXML', '', put(awsArn)],
    ['InvalidArgument', '', put(awsArn)],
    ['AccessDenied', '', put(vk)],
    ['MalformedXML', '', { method: 'GET', subresource: 'notification' }],
  ])('%s "%s" → no hint where the cause is not known', (code, message, request) => expect(refusalHint(code, message, request)).toBeUndefined());
});

describe('refusalLine', () => {
  it('keeps a message the service sent, verbatim', () => {
    expect(refusalLine('NoSuchBucket', 'The specified bucket does not exist', { method: 'GET', subresource: 'notification' }))
      .toBe('NoSuchBucket: The specified bucket does not exist');
  });
  it('names the request when the message is empty, and says so without a request', () => {
    expect(refusalLine('InvalidArgument', ' ', put(awsArn))).toBe('InvalidArgument: the service sent no message; the request was PUT ?notification with 1 AWS TopicConfiguration hook');
    expect(refusalLine('AccessDenied', '')).toBe('AccessDenied: the service sent no message');
  });
});
