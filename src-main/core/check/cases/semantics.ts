// At-least-once and ordering: the same event twice (same message id, same body), two keys out of order, a stale
// event of one key after a newer one, and a batch of records in one POST where the flavour batches.
import type { ObjectChange, S3EventName } from '../../model/object-change';
import { all2xx, skip, type CheckCase } from './case';

/** The duplicate case. */
export const duplicateCase: CheckCase = {
  name: 'duplicate',
  should: 'answer the same event delivered twice (same webhook-id) with 2xx both times: delivery is at least once, so de-duplicate, do not fail',
  async run(ctx) {
    const events = ctx.events([ctx.change('s3:ObjectCreated:Put', 'check/duplicate.txt')]);
    const id = events[0].eventId;
    const first = await ctx.send(ctx.post(events, `s3:ObjectCreated:Put of "check/duplicate.txt" (webhook-id ${id})`));
    const again = await ctx.send(ctx.post(events, `the same event again (same webhook-id ${id}, same record)`));
    return all2xx([first, again], 'both answered 2xx');
  },
};

/**
 * An ordering case: two changes made in order (`earlier`, then `later`), delivered the other way round, both to be
 * answered 2xx; `summaries` says what each delivery is (the later one first).
 */
function reversedPairCase(name: string, should: string, earlier: [S3EventName, string], later: [S3EventName, string],
  summaries: (earlier: ObjectChange, later: ObjectChange) => [string, string]): CheckCase {
  return {
    name,
    should,
    async run(ctx) {
      const first = ctx.change(...earlier);
      const second = ctx.change(...later);
      const [laterSummary, earlierSummary] = summaries(first, second);
      const laterAnswer = await ctx.send(ctx.delivery([second], { summary: laterSummary }));
      const earlierAnswer = await ctx.send(ctx.delivery([first], { summary: earlierSummary }));
      return all2xx([laterAnswer, earlierAnswer], 'both answered 2xx');
    },
  };
}

/** The out-of-order case across keys. */
export const orderAcrossKeysCase: CheckCase = reversedPairCase('order.across-keys',
  'answer events of two keys arriving out of order (the later sequencer first) with 2xx: S3 orders only per key',
  ['s3:ObjectCreated:Put', 'check/order-a.txt'], ['s3:ObjectCreated:Put', 'check/order-b.txt'],
  (earlier, later) => [`"check/order-b.txt" (sequencer ${later.sequencer}) first`,
    `then "check/order-a.txt" (earlier sequencer ${earlier.sequencer})`]);

/** The stale-event case within one key. */
export const staleSequencerCase: CheckCase = reversedPairCase('order.stale-sequencer',
  'answer an older event of a key arriving after a newer one with 2xx: compare sequencers and drop the stale one quietly',
  ['s3:ObjectCreated:Put', 'check/stale.txt'], ['s3:ObjectRemoved:Delete', 'check/stale.txt'],
  (older, newer) => [`s3:ObjectRemoved:Delete of "check/stale.txt" (sequencer ${newer.sequencer})`,
    `then its older s3:ObjectCreated:Put (sequencer ${older.sequencer})`]);

/** What the batch case posts at once: each kind of change, a key with a space and a plus among them. */
const BATCH: [S3EventName, string][] = [
  ['s3:ObjectCreated:Put', 'check/batch-1.txt'], ['s3:ObjectCreated:Copy', 'check/batch 2+copy.txt'],
  ['s3:ObjectCreated:CompleteMultipartUpload', 'check/batch-3.bin'], ['s3:ObjectRemoved:Delete', 'check/batch-4.txt'],
  ['s3:ObjectRemoved:DeleteMarkerCreated', 'check/batch-5.txt'],
];

/** The batch case (flavours whose service posts several events at once). */
export const batchCase: CheckCase = {
  name: 'batch',
  should: 'answer a POST with several events (B2\'s {"events":[…]}) with 2xx and handle every event, not only the first',
  async run(ctx) {
    if (!ctx.flavour.batches) return skip(`the ${ctx.flavour.name} flavour posts one record per request`);
    const changes = BATCH.map(([eventName, key]) => ctx.change(eventName, key));
    const summary = `${changes.length} events in one POST (${changes.map((c) => c.eventName.replace(/^s3:/, '')).join(', ')})`;
    return all2xx([await ctx.send(ctx.post(ctx.events(changes), summary))], `${changes.length} events in one POST answered 2xx`);
  },
};
