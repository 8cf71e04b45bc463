// The sns flavour's handshake: SNS's SubscriptionConfirmation (payloads/ builds and signs it) with a SubscribeURL on
// the run's SNS endpoint. A forged one (signed with another key) must not be visited; the genuine one must be.
import { randomBytes } from 'node:crypto';
import { snsSubscriptionConfirmation } from '../../payloads/aws-flavours';
import type { CheckContext } from '../context';
import type { SigningOverride } from '../flavour';
import type { CheckExchange } from '../types';
import { answerText, fail, pass, skip, type CaseVerdict } from './case';

/** How long the receiver has to visit the SubscribeURL after answering, in ms (at most the hook timeout). */
const VISIT_WITHIN = 5_000;

/** Post a SubscriptionConfirmation with a new Token, signed as `sign` says (default: the run's key). */
async function confirmation(ctx: CheckContext, what: string, sign?: SigningOverride): Promise<[string, CheckExchange]> {
  const token = randomBytes(32).toString('hex');
  const wrapped = snsSubscriptionConfirmation({ messageId: ctx.newId(), token, subscribeUrl: ctx.sns?.subscribeUrl(token) ?? '' }, ctx.wrapContext(Date.now(), sign));
  const exchange = await ctx.send({
    url: ctx.url, headers: { ...wrapped.headers, ...ctx.extraHeaders }, body: wrapped.body,
    summary: `${what} (Token ${token.slice(0, 8)}…)`,
  });
  return [token, exchange];
}

/** A forged confirmation first, then the genuine one: only the genuine SubscribeURL may be visited, and it must be. */
export async function snsSubscription(ctx: CheckContext): Promise<CaseVerdict> {
  const sns = ctx.sns;
  const signing = ctx.flavour.signing;
  if (!sns || !signing) return skip('the run has no SNS endpoint');
  const [forged, forgery] = await confirmation(ctx, 'an SNS SubscriptionConfirmation signed with another key', signing.wrongKey());
  const [token, genuine] = await confirmation(ctx, 'an SNS SubscriptionConfirmation signed with the served certificate\'s key');
  const status = genuine.answer.status;
  if (status === null || status < 200 || status >= 300) return fail(`sent ${genuine.request.summary}, got ${answerText(genuine)}; expected 2xx after visiting its SubscribeURL`);
  const within = Math.min(VISIT_WITHIN, ctx.timeoutMs);
  if (!(await sns.visited(token, within))) {
    return fail(`sent ${genuine.request.summary}, got ${answerText(genuine)}, but its SubscribeURL was not visited within ${within} ms: GET the SubscribeURL to confirm, as SNS requires`);
  }
  if (await sns.visited(forged, 0)) {
    return fail(`sent ${forgery.request.summary}, got ${answerText(forgery)}, and its SubscribeURL was visited: verify the signature against SigningCertURL's certificate before visiting anything`);
  }
  return pass('the genuine SubscribeURL visited, the forged one not');
}
