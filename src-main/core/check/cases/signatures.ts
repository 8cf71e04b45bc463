// Signature cases: a valid signature accepted; a changed body, a wrong secret, a stale timestamp and a missing
// signature refused with 4xx; a rotated secret (old and new signature in one header) accepted.
import type { CheckContext } from '../context';
import type { CheckSigning } from '../flavour';
import type { CheckRequest } from '../types';
import { fail, not2xx, not4xx, pass, skip, type CaseVerdict, type CheckCase } from './case';

type Build = (ctx: CheckContext, signing: CheckSigning) => CheckRequest;

/** Why the run cannot check `signing` (the case is skipped), or null. */
function unchecked(ctx: CheckContext): string | null {
  const signing = ctx.flavour.signing;
  if (!signing) return `the ${ctx.flavour.name} flavour does not sign deliveries`;
  if (signing.keyedBy === 'secret' && !ctx.secret) return 'no secret given (--secret): signatures cannot be checked';
  return null;
}

/**
 * A case that needs a signing flavour (and the hook's secret unless the flavour signs with the SNS key); `accept` says
 * whether the answer must be 2xx or 4xx; `unfit` says why the flavour's scheme cannot be checked this way, or null.
 */
function signatureCase(name: string, should: string, accept: boolean, build: Build, unfit?: (signing: CheckSigning) => string | null): CheckCase {
  return {
    name: `signature.${name}`,
    should,
    async run(ctx): Promise<CaseVerdict> {
      const why = unchecked(ctx) ?? unfit?.(ctx.flavour.signing as CheckSigning);
      if (why) return skip(why);
      const exchange = await ctx.send(build(ctx, ctx.flavour.signing as CheckSigning));
      const problem = accept ? not2xx(exchange) : not4xx(exchange);
      return problem ? fail(problem) : pass(accept ? 'accepted' : `refused with ${exchange.answer.status}`);
    },
  };
}

const put = (ctx: CheckContext, key: string) => ctx.change('s3:ObjectCreated:Put', key);

/** The signature cases, in battery order. */
export const signatureCases: CheckCase[] = [
  signatureCase('valid', 'accept a delivery signed with the secret (2xx)', true, (ctx, signing) => ctx.delivery([put(ctx, 'check/signed.txt')], {
    summary: signing.keyedBy === 'secret' ? 'a delivery signed with the secret' : 'a delivery signed with the served certificate\'s key',
  })),
  signatureCase('changed-body', 'refuse a body changed after signing with 4xx: verify the signature over the raw body bytes', false, (ctx) => {
    const signed = ctx.delivery([put(ctx, 'check/tampered.txt')]);
    const body = signed.body.replace('check/tampered.txt', 'check/tampered-by-someone.txt');
    return { ...signed, body, summary: 'a signed delivery whose body was changed after signing (the key)' };
  }),
  signatureCase('wrong-secret', 'refuse a delivery signed with another secret with 4xx', false, (ctx, signing) =>
    ctx.delivery([put(ctx, 'check/wrong-secret.txt')], {
      sign: signing.wrongKey(),
      summary: signing.keyedBy === 'secret' ? 'a delivery signed with another secret' : 'a delivery signed with another key (not the one of the served certificate)',
    })),
  signatureCase('stale', 'refuse a correctly signed delivery whose timestamp is older than the tolerance with 4xx: it stops replays of captured requests', false,
    (ctx, signing) => {
      const tolerance = signing.toleranceSeconds ?? 0;
      return ctx.delivery([put(ctx, 'check/stale-signature.txt')], {
        at: Date.now() - (tolerance + 120) * 1000,
        summary: `a correctly signed delivery stamped ${tolerance / 60 + 2} minutes ago (tolerance ${tolerance / 60} min)`,
      });
    }, (signing) => (signing.toleranceSeconds === null ? `${signing.scheme} signatures carry no timestamp a receiver must enforce` : null)),
  signatureCase('missing', 'refuse a delivery without a signature with 4xx', false, (ctx, signing) => {
    const signed = ctx.delivery([put(ctx, 'check/unsigned.txt')]);
    return { ...signing.strip(signed), summary: `a delivery without ${signing.carrier}` };
  }),
  signatureCase('rotated', 'accept a delivery carrying two signatures (an old secret\'s and this one\'s) with 2xx: during a secret rotation both are sent', true,
    (ctx, signing) => {
      const request = ctx.delivery([put(ctx, 'check/rotated.txt')], { summary: 'a delivery with two signatures: an old secret\'s first, then this secret\'s' });
      return signing.rotate?.(request, [(signing.wrongKey().secret ?? ''), ctx.secret ?? '']) ?? request;
    }, (signing) => (signing.rotate ? null : `${signing.scheme} carries one signature per delivery`)),
];
