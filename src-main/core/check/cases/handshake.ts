// The VK URL handshake case: two SubscriptionConfirmations with different tokens and timestamps, each answered
// 200 with {"signature": hex} computed over that message; a wrong answer is diagnosed (cached, wrong URL…).
// The sns flavour's handshake is SNS's subscription confirmation (sns-subscription.ts).
import { handshakeSignature, subscriptionConfirmation } from '../../notifications/handshake';
import { VERSION } from '../../kernel/version';
import type { CheckContext } from '../context';
import { CHECK_OWNER } from '../samples';
import type { CheckExchange } from '../types';
import { answerText, fail, pass, skip, type CheckCase } from './case';
import { snsSubscription } from './sns-subscription';

/** What the receiver's answer would be under a common mistake, to name it. */
function diagnose(got: string, url: string, token: string, timestamp: string, topicArn: string, previous: string | null): string {
  if (previous !== null && got === previous) return 'it is the answer to the previous confirmation: compute it from each message, do not cache it';
  const u = new URL(url);
  const urls: [string, string][] = [
    [url.endsWith('/') ? url.slice(0, -1) : `${url}/`, 'the URL with/without a trailing slash'],
    [`${u.origin}/`, 'the origin without the path'],
    [`${u.origin}${u.pathname}`, 'the URL without its query'],
    [u.pathname, 'the path only'],
  ];
  for (const [other, what] of urls) {
    if (other !== url && handshakeSignature(token, timestamp, topicArn, other) === got) return `it is signed over ${what} ("${other}"); sign the hook URL exactly: ${url}`;
  }
  if (handshakeSignature(timestamp, token, topicArn, url) === got) return 'Token and Timestamp are swapped: k1 = HMAC(key=Token, msg=Timestamp)';
  return 'expected k1 = HMAC-SHA256(Token, Timestamp), k2 = HMAC(k1, TopicArn), hex(HMAC(k2, URL))';
}

/** Send one confirmation stamped `at`; null when answered right, else why not. */
async function confirm(ctx: CheckContext, at: number, previous: string | null): Promise<[string | null, string | null, CheckExchange]> {
  const message = subscriptionConfirmation(CHECK_OWNER, ctx.bucket, 's3:ObjectCreated:*', at);
  const expected = handshakeSignature(message.Token, message.Timestamp, message.TopicArn, ctx.url);
  const exchange = await ctx.send({
    url: ctx.url, body: JSON.stringify(message), summary: `a SubscriptionConfirmation (Token ${message.Token.slice(0, 8)}…, Timestamp ${message.Timestamp})`,
    headers: {
      'content-type': 'application/json', 'user-agent': `BucketHooks/${VERSION}`,
      'x-amz-sns-message-type': 'SubscriptionConfirmation', ...ctx.extraHeaders,
    },
  });
  const sent = `sent ${exchange.request.summary}, got ${answerText(exchange)}`;
  if (exchange.answer.status !== 200) return [`${sent}; expected 200 with {"signature": "<hex>"}`, null, exchange];
  let got: unknown;
  try { got = (JSON.parse(exchange.answer.body ?? '') as { signature?: unknown }).signature; } catch {
    return [`${sent}; the answer is not JSON (expected {"signature": "<hex>"})`, null, exchange];
  }
  if (typeof got !== 'string') return [`${sent}; the JSON answer has no "signature" string`, null, exchange];
  const signature = got.toLowerCase();
  if (signature === expected) return [null, signature, exchange];
  const why = diagnose(signature, ctx.url, message.Token, message.Timestamp, message.TopicArn, previous);
  return [`wrong handshake signature: expected ${expected}, got ${got}: ${why}`, signature, exchange];
}

/** The handshake case (VK's signed answer; SNS's SubscribeURL for the sns flavour). */
export const handshakeCase: CheckCase = {
  name: 'handshake',
  should: "answer VK's SubscriptionConfirmation with 200 {\"signature\"} computed from that message's Token, Timestamp, TopicArn and the hook URL (sns: verify an SNS SubscriptionConfirmation and visit its SubscribeURL, never a forged one's): the service refuses the hook otherwise",
  async run(ctx) {
    if (ctx.flavour.confirmation === 'sns-subscribe') return snsSubscription(ctx);
    if (ctx.flavour.confirmation !== 'vk-handshake') return skip(`the ${ctx.flavour.name} flavour confirms a URL with the test event, not VK's handshake`);
    const now = Date.now();
    const [first, answer] = await confirm(ctx, now, null);
    if (first) return fail(first);
    const [second] = await confirm(ctx, now - 90_000, answer);
    if (second) return fail(`the second confirmation (new Token, Timestamp 90 s earlier): ${second}`);
    return pass('two confirmations, each answered with its own signature');
  },
};
