// The interface every payload flavour implements: the stored body of one event, how several become one POST, and the
// wrapping and headers added per attempt. Types only.
import type { ObjectChange } from '../model/object-change';

/** What a record needs besides the change. */
export interface RecordContext {
  hookId: string;
  region: string;
  ownerId: string;
  /** The delivery's stable event id (the webhook-id header). */
  eventId: string;
}

/** What a flavour may add per attempt. */
export interface WrapContext {
  /** The delivery's (or batch's) event id. */
  eventId: string;
  /** ms epoch of the attempt. */
  now: number;
  bucket: string;
  hookId: string;
  region: string;
  /** The hook's signing secret, when it has one. */
  secret: string | null;
  /** Where this server serves what receivers may fetch (the SNS certificate). */
  publicBase: string;
  /** The account id records name (the owner). */
  ownerId: string;
  /** RSA-SHA256 signature (base64) with this server's SNS key. */
  snsSign: (text: string) => string;
}

/** The body and flavour headers of one request; `snsType: false` drops the SNS message-type header. */
export interface Wrapped { body: string; headers: Record<string, string>; snsType?: boolean }

/** One payload flavour. */
export interface FlavourShape {
  /** The body kept in the outbox for one event. */
  body(change: ObjectChange, ctx: RecordContext): string;
  /** True when `body` depends on the context only through `s3.configurationId` (bodies are then spliced per hook). */
  spliceable: boolean;
  /** Several stored bodies as one stored-shaped body (a realism batch), in order; null when one POST carries one event. */
  combine: ((bodies: readonly string[]) => string) | null;
  /** The request body and extra headers made from the stored body, per attempt. */
  wrap(body: string, ctx: WrapContext): Wrapped;
}
