// The one request builder: a hook and the events of one POST become the URL, headers and body sent — for the engine's
// attempts (batches too), replays, the test event and a remote hook's test. The hook's flavour shapes and wraps the
// body; the Standard Webhooks headers sign what is actually sent.
import type { PayloadFlavour } from '../../../src-shared/contract';
import { flavourShape } from '../payloads/flavours';
import { deliveryHeaders } from './headers';

/** Where and how a request goes: the parts of a hook the builder reads. */
export interface RequestTarget {
  bucket: string;
  id: string;
  url: string;
  flavour: PayloadFlavour;
  /** The hook's signing secret ('whsec_…' signs the Standard Webhooks way), or null. */
  secret: string | null;
}

/** One event of a request: its stable id and the body its outbox row keeps. */
export interface OutgoingEvent { eventId: string; body: string }

/** What every request of this server shares. */
export interface RequestContext { version: string; now: number; region: string; publicBase: string }

/** A request ready to send. */
export interface BuiltRequest { url: string; headers: Record<string, string>; body: string }

/**
 * The request for `events` (one, or a realism batch: combined by the flavour, id `batch_<first id>`) to `target`.
 * The body and headers are rebuilt per attempt (signatures carry the attempt's time).
 */
export function buildRequest(target: RequestTarget, events: readonly OutgoingEvent[], ctx: RequestContext): BuiltRequest {
  const shape = flavourShape(target.flavour);
  const stored = events.length === 1 ? events[0].body : shape.combine(events.map((e) => e.body));
  const eventId = events.length === 1 ? events[0].eventId : `batch_${events[0].eventId}`;
  const wrapped = shape.wrap(stored, {
    eventId, now: ctx.now, bucket: target.bucket, hookId: target.id, region: ctx.region, secret: target.secret, publicBase: ctx.publicBase,
  });
  const headers = { ...deliveryHeaders({ eventId, body: wrapped.body, version: ctx.version, secret: target.secret, now: ctx.now }), ...wrapped.headers };
  return { url: target.url, headers, body: wrapped.body };
}
