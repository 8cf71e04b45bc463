// Signature cases: a valid signature accepted; a changed body, a wrong secret, a stale timestamp and a missing
// signature refused with 4xx; a rotated secret (old and new signature in one header) accepted.
import type { CheckContext } from '../context';
import type { CheckSigning } from '../flavour';
import type { CheckRequest } from '../types';
import { fail, not2xx, not4xx, pass, skip, type CaseVerdict, type CheckCase } from './case';

type Build = (ctx: CheckContext, signing: CheckSigning, secret: string) => CheckRequest;

/**
 * A case that needs the hook's secret and a signing flavour; `accept` says whether the answer must be 2xx or 4xx;
 * `unfit` says why the flavour's scheme cannot be checked this way (the case is skipped), or null.
 */
function signatureCase(name: string, should: string, accept: boolean, build: Build, unfit?: (signing: CheckSigning) => string | null): CheckCase {
  return {
    name: `signature.${name}`,
    should,
    async run(ctx): Promise<CaseVerdict> {
      const signing = ctx.flavour.signing;
      if (!signing) return skip(`the ${ctx.flavour.name} flavour does not sign deliveries`);
      if (!ctx.secret) return skip('no secret given (--secret): signatures cannot be checked');
      const why = unfit?.(signing);
      if (why) return skip(why);
      const exchange = await ctx.send(build(ctx, signing, ctx.secret));
      const problem = accept ? not2xx(exchange) : not4xx(exchange);
      return problem ? fail(problem) : pass(accept ? 'accepted' : `refused with ${exchange.answer.status}`);
    },
  };
}

const put = (ctx: CheckContext, key: string) => ctx.change('s3:ObjectCreated:Put', key);

/** The signature cases, in battery order. */
export const signatureCases: CheckCase[] = [
  signatureCase('valid', 'accept a delivery signed with the secret (2xx)', true,
    (ctx) => ctx.delivery([put(ctx, 'check/signed.txt')], { summary: 'a delivery signed with the secret' })),
  signatureCase('changed-body', 'refuse a body changed after signing with 4xx: verify the signature over the raw body bytes', false, (ctx) => {
    const signed = ctx.delivery([put(ctx, 'check/tampered.txt')]);
    const body = signed.body.replace('check/tampered.txt', 'check/tampered-by-someone.txt');
    return { ...signed, body, summary: 'a signed delivery whose body was changed after signing (the key)' };
  }),
  signatureCase('wrong-secret', 'refuse a delivery signed with another secret with 4xx', false, (ctx, signing) =>
    ctx.delivery([put(ctx, 'check/wrong-secret.txt')], { secrets: [signing.newSecret()], summary: 'a delivery signed with another secret' })),
  signatureCase('stale', 'refuse a correctly signed delivery whose timestamp is older than the tolerance with 4xx: it stops replays of captured requests', false,
    (ctx, signing) => {
      const tolerance = signing.toleranceSeconds ?? 0;
      return ctx.delivery([put(ctx, 'check/stale-signature.txt')], {
        at: Date.now() - (tolerance + 120) * 1000,
        summary: `a correctly signed delivery stamped ${tolerance / 60 + 2} minutes ago (tolerance ${tolerance / 60} min)`,
      });
    }, (signing) => (signing.toleranceSeconds === null ? `${signing.scheme} signatures carry no timestamp` : null)),
  signatureCase('missing', 'refuse a delivery without a signature with 4xx', false, (ctx, signing) => {
    const signed = ctx.delivery([put(ctx, 'check/unsigned.txt')]);
    const headers = Object.fromEntries(Object.entries(signed.headers).filter(([k]) => !signing.signatureHeaders.includes(k)));
    return { ...signed, headers, summary: `a delivery without ${signing.signatureHeaders.join(', ')}` };
  }),
  {
    name: 'signature.rotated',
    should: 'accept a delivery carrying two signatures (an old secret\'s and this one\'s) with 2xx: during a secret rotation both are sent',
    async run(ctx) {
      const signing = ctx.flavour.signing;
      if (!signing) return skip(`the ${ctx.flavour.name} flavour does not sign deliveries`);
      if (!ctx.secret) return skip('no secret given (--secret): signatures cannot be checked');
      if (!signing.rotation) return skip(`${signing.scheme} carries one signature per delivery`);
      const request = ctx.delivery([put(ctx, 'check/rotated.txt')], {
        secrets: [signing.newSecret(), ctx.secret], summary: 'a delivery with two signatures: an old secret\'s first, then this secret\'s',
      });
      const problem = not2xx(await ctx.send(request));
      return problem ? fail(problem) : pass('accepted');
    },
  },
];
