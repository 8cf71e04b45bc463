// Timing: every answer of the battery within the slow-answer limit (and none timed out), and 50 concurrent
// deliveries of different keys all answered 2xx within the timeout.
import { answerText, fail, pass, type CheckCase } from './case';

/** Deliveries sent at once by the concurrency case. */
export const CONCURRENT = 50;

/** The answer-time case: reads every exchange of the run so far, plus one delivery of its own. */
export const answerTimeCase: CheckCase = {
  name: 'timing.answer-time',
  should: 'answer every delivery quickly (within the slow-answer limit, default 2 s; never past the hook timeout): acknowledge first, work after, or the sender times out and retries',
  async run(ctx) {
    const own = await ctx.send(ctx.delivery([ctx.change('s3:ObjectCreated:Put', 'check/timing.txt')]));
    if (own.answer.status === null && !(own.answer.error ?? '').startsWith('timeout')) return fail(`sent ${own.request.summary}, got ${answerText(own)}`);
    const timedOut = ctx.history.find((e) => e.answer.status === null && (e.answer.error ?? '').startsWith('timeout'));
    if (timedOut) return fail(`sent ${timedOut.request.summary}: no answer within the hook timeout of ${ctx.timeoutMs} ms`);
    const slowest = ctx.history.reduce((a, b) => (b.answer.durationMs > a.answer.durationMs ? b : a));
    const ms = slowest.answer.durationMs;
    if (ms > ctx.slowMs) {
      const slow = ctx.history.filter((e) => e.answer.durationMs > ctx.slowMs).length;
      return fail(`${slow} of ${ctx.history.length} answers took longer than ${ctx.slowMs} ms; the slowest: sent ${slowest.request.summary}, `
        + `got ${answerText(slowest)} after ${ms} ms: answer first and do slow work after the response`);
    }
    return pass(`${ctx.history.length} answers, the slowest in ${ms} ms`);
  },
};

/** The concurrency case. */
export const concurrentCase: CheckCase = {
  name: 'timing.concurrent',
  should: `answer ${CONCURRENT} deliveries sent at once (different keys) with 2xx each, within the hook timeout: senders deliver keys in parallel`,
  async run(ctx) {
    const requests = Array.from({ length: CONCURRENT }, (_, i) =>
      ctx.delivery([ctx.change('s3:ObjectCreated:Put', `check/concurrent-${i + 1}.txt`)]));
    const exchanges = await Promise.all(requests.map((r) => ctx.send(r)));
    const bad = exchanges.filter((e) => e.answer.status === null || e.answer.status < 200 || e.answer.status >= 300);
    const slowest = Math.max(...exchanges.map((e) => e.answer.durationMs));
    if (bad.length > 0) return fail(`${bad.length} of ${CONCURRENT} concurrent deliveries failed; the first: sent ${bad[0].request.summary}, got ${answerText(bad[0])}`);
    return pass(`all ${CONCURRENT} answered 2xx, the slowest in ${slowest} ms`);
  },
};
