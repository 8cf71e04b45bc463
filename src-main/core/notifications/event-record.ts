// The body a hook's outbox row keeps for one object change, in the hook's payload flavour (payloads/ owns the
// shapes), plus the stable per-(event, hook) event id. Pure except eventId randomness.
import { randomFillSync } from 'node:crypto';
import type { ObjectChange } from '../model/object-change';
import type { PayloadFlavour } from '../../../src-shared/contract';
import { flavourShape } from '../payloads/flavours';
import type { RecordContext } from '../payloads/shape';

/** What a body needs besides the change: the record context and the hook's flavour. */
export interface BodyContext extends RecordContext { flavour: PayloadFlavour }

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A unique, time-sortable id `evt_<10 time chars><16 random chars>` (ULID alphabet); the webhook-id header. */
export function newEventId(now: number): string {
  let time = '';
  let t = Math.max(0, Math.floor(now));
  for (let i = 0; i < 10; i++) { time = CROCKFORD[t % 32] + time; t = Math.floor(t / 32); }
  if (poolOffset + 16 > pool.length) { randomFillSync(pool); poolOffset = 0; }
  let random = '';
  for (let i = 0; i < 16; i++) random += CROCKFORD[pool[poolOffset++] & 31];
  return `evt_${time}${random}`;
}

/** Random bytes drawn in bulk: one system call per 256 event ids instead of one per id. */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

/** The body kept for one change to one hook, in its flavour. */
export function eventBody(change: ObjectChange, ctx: BodyContext): string {
  return flavourShape(ctx.flavour).body(change, ctx);
}

/** The one place a serialised record names its hook (the only `configurationId` key, an empty string before splicing). */
const SLOT = '"configurationId":""';

/**
 * Bodies of one change for many hooks: a spliceable flavour's record is serialised once, then each hook's body is
 * that text with its JSON-encoded Id spliced in (identical to `eventBody`, without one stringify per hook); other
 * flavours are rendered per hook.
 */
export function eventBodies(change: ObjectChange, region: string, ownerId: string): (flavour: PayloadFlavour, hookId: string, eventId: string) => string {
  const halves = new Map<PayloadFlavour, [string, string]>();
  return (flavour, hookId, eventId) => {
    if (!flavourShape(flavour).spliceable) return eventBody(change, { flavour, hookId, region, ownerId, eventId });
    let split = halves.get(flavour);
    if (!split) {
      const text = eventBody(change, { flavour, hookId: '', region, ownerId, eventId: '' });
      const end = text.indexOf(SLOT) + SLOT.length;
      split = [text.slice(0, end - 2), text.slice(end)];
      halves.set(flavour, split);
    }
    return split[0] + JSON.stringify(hookId) + split[1];
  };
}
