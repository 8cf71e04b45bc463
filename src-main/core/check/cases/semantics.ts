// At-least-once and ordering: the same event twice (same message id, same body), two keys out of order, a stale
// event of one key after a newer one, and a batch of records in one POST where the flavour batches.
import { all2xx, skip, type CheckCase } from './case';

/** The duplicate case. */
export const duplicateCase: CheckCase = {
  name: 'duplicate',
  should: 'answer the same event delivered twice (same webhook-id) with 2xx both times: delivery is at least once, so de-duplicate, do not fail',
  async run(ctx) {
    const id = ctx.newId();
    const change = ctx.change('s3:ObjectCreated:Put', 'check/duplicate.txt');
    const first = await ctx.send(ctx.delivery([change], { id, summary: `s3:ObjectCreated:Put of "check/duplicate.txt" (webhook-id ${id})` }));
    const again = await ctx.send(ctx.delivery([change], { id, summary: `the same event again (same webhook-id ${id}, same record)` }));
    return all2xx([first, again], 'both answered 2xx');
  },
};

/** The out-of-order case across keys. */
export const orderAcrossKeysCase: CheckCase = {
  name: 'order.across-keys',
  should: 'answer events of two keys arriving out of order (the later sequencer first) with 2xx: S3 orders only per key',
  async run(ctx) {
    const earlier = ctx.change('s3:ObjectCreated:Put', 'check/order-a.txt');
    const later = ctx.change('s3:ObjectCreated:Put', 'check/order-b.txt');
    const b = await ctx.send(ctx.delivery([later], { summary: `"check/order-b.txt" (sequencer ${later.sequencer}) first` }));
    const a = await ctx.send(ctx.delivery([earlier], { summary: `then "check/order-a.txt" (earlier sequencer ${earlier.sequencer})` }));
    return all2xx([b, a], 'both answered 2xx');
  },
};

/** The stale-event case within one key. */
export const staleSequencerCase: CheckCase = {
  name: 'order.stale-sequencer',
  should: 'answer an older event of a key arriving after a newer one with 2xx: compare sequencers and drop the stale one quietly',
  async run(ctx) {
    const older = ctx.change('s3:ObjectCreated:Put', 'check/stale.txt');
    const newer = ctx.change('s3:ObjectRemoved:Delete', 'check/stale.txt');
    const first = await ctx.send(ctx.delivery([newer], { summary: `s3:ObjectRemoved:Delete of "check/stale.txt" (sequencer ${newer.sequencer})` }));
    const stale = await ctx.send(ctx.delivery([older], { summary: `then its older s3:ObjectCreated:Put (sequencer ${older.sequencer})` }));
    return all2xx([first, stale], 'both answered 2xx');
  },
};

/** The batch case (flavours that post several records at once). */
export const batchCase: CheckCase = {
  name: 'batch',
  should: 'answer a POST with several records with 2xx and handle every record, not only the first',
  async run(ctx) {
    const size = Math.min(ctx.flavour.maxBatch, 5);
    if (size < 2) return skip(`the ${ctx.flavour.name} flavour posts one record per request`);
    const changes = Array.from({ length: size }, (_, i) => ctx.change('s3:ObjectCreated:Put', `check/batch-${i + 1}.txt`));
    return all2xx([await ctx.send(ctx.delivery(changes, { summary: `${size} records in one POST (check/batch-1.txt…)` }))], 'answered 2xx');
  },
};
