// The one request builder: a hook and the events of one POST become the URL, headers and body sent — for the engine's
// attempts (batches too), replays, the test event and a remote hook's test. The hook's flavour shapes and wraps the
// body; its auth adds headers; the Standard Webhooks headers sign what is actually sent. The log gets the headers
// with auth values masked.
import type { HookAuth, PayloadFlavour } from '../../../src-shared/contract';
import { flavourShape } from '../payloads/flavours';
import { deliveryHeaders } from './headers';

/** Where and how a request goes: the parts of a hook the builder reads. */
export interface RequestTarget {
  bucket: string;
  id: string;
  url: string;
  flavour: PayloadFlavour;
  /** The hook's signing secret ('whsec_…' signs the Standard Webhooks way; B2 signs with any), or null. */
  secret: string | null;
  /** Headers added to every request, or null. */
  auth: HookAuth | null;
}

/** One event of a request: its stable id and the body its outbox row keeps. */
export interface OutgoingEvent { eventId: string; body: string }

/** What every request of this server shares. */
export interface RequestContext {
  version: string; now: number; region: string; ownerId: string; publicBase: string;
  /** RSA-SHA256 (base64) with the server's SNS key. */
  snsSign: (text: string) => string;
}

/** A request ready to send, and its headers as the attempt log keeps them (auth values masked). */
export interface BuiltRequest { url: string; headers: Record<string, string>; body: string; logged: Record<string, string> }

/** What the log shows instead of a secret. */
export const MASK = '••••••••';

/** The auth headers of `auth`: sent, and as logged (also what the receiver check sends for a saved hook). */
export function authHeaders(auth: HookAuth | null): { sent: Record<string, string>; logged: Record<string, string> } {
  const sent: Record<string, string> = {};
  const logged: Record<string, string> = {};
  for (const h of auth?.headers ?? []) { sent[h.name.toLowerCase()] = h.value; logged[h.name.toLowerCase()] = MASK; }
  if (auth?.bearerToken) { sent.authorization = `Bearer ${auth.bearerToken}`; logged.authorization = `Bearer ${MASK}`; }
  if (auth?.basic) {
    sent.authorization = `Basic ${Buffer.from(`${auth.basic.user}:${auth.basic.password}`).toString('base64')}`;
    logged.authorization = `Basic ${MASK} (user ${auth.basic.user})`;
  }
  return { sent, logged };
}

/**
 * The request for `events` (one, or a realism batch: combined by the flavour, id `batch_<first id>`) to `target`.
 * The body and headers are rebuilt per attempt (signatures carry the attempt's time).
 */
export function buildRequest(target: RequestTarget, events: readonly OutgoingEvent[], ctx: RequestContext): BuiltRequest {
  const shape = flavourShape(target.flavour);
  const stored = events.length === 1 || !shape.combine ? events[0].body : shape.combine(events.map((e) => e.body));
  const eventId = events.length === 1 ? events[0].eventId : `batch_${events[0].eventId}`;
  const wrapped = shape.wrap(stored, {
    eventId, now: ctx.now, bucket: target.bucket, hookId: target.id, region: ctx.region, secret: target.secret,
    publicBase: ctx.publicBase, ownerId: ctx.ownerId, snsSign: ctx.snsSign,
  });
  const base = deliveryHeaders({ eventId, body: wrapped.body, version: ctx.version, secret: target.secret, now: ctx.now });
  if (wrapped.snsType === false) delete base['x-amz-sns-message-type'];
  const auth = authHeaders(target.auth);
  const headers = { ...base, ...wrapped.headers, ...auth.sent };
  return { url: target.url, headers, body: wrapped.body, logged: { ...headers, ...auth.logged } };
}
