// The flavour descriptor the receiver check is built on: how a flavour shapes a record and a batch, which events
// it sends, how keys are encoded, how it confirms a URL and how it signs. Each flavour plugs in one object.
import type { ObjectChange, S3EventName } from '../model/object-change';

/** A message to sign: its id, its timestamp (ms epoch) and the exact body bytes. */
export interface SignInput { id: string; at: number; body: string }

/** How a flavour signs deliveries, so the signature cases can sign right and wrong on purpose. */
export interface CheckSigning {
  /** The scheme's name for messages (`Standard Webhooks`). */
  scheme: string;
  /** Why `secret` is not a secret of this scheme, or null when it is one. */
  secretProblem(secret: string): string | null;
  /** The signing headers of `msg`, one signature per secret (several: a rotated secret). */
  sign(msg: SignInput, secrets: readonly string[]): Record<string, string>;
  /** A new random secret of the scheme (the wrong-secret case). */
  newSecret(): string;
  /** The headers that carry the signature (dropped by the missing-signature case). */
  signatureHeaders: readonly string[];
  /** Seconds of clock skew a receiver may accept (older is stale); null when signatures carry no timestamp. */
  toleranceSeconds: number | null;
  /** Whether a header can carry several signatures (secret rotation). */
  rotation: boolean;
}

/** What a record is built from besides the change. */
export interface FlavourContext { hookId: string; region: string; ownerId: string; eventId: string }

/** One payload flavour as the check sees it. */
export interface CheckFlavour {
  name: string;
  /** The event names the flavour delivers, each checked once. */
  events: readonly S3EventName[];
  /** How a receiver confirms its URL: VK's signed handshake, or nothing (the test event). */
  confirmation: 'vk-handshake' | 'none';
  /** Records in one POST at most; 1 when the flavour never batches. */
  maxBatch: number;
  /** A key as the flavour's records carry it. */
  encodeKey(key: string): string;
  /** The record of one change. */
  record(change: ObjectChange, ctx: FlavourContext): unknown;
  /** One POST carrying `records` (its body and headers, signature aside), or a body of its own (the test event). */
  post(content: { records: readonly unknown[] } | { body: string }, ctx: { id: string; now: number }): { body: string; headers: Record<string, string> };
  /** The `s3:TestEvent` body of the flavour for `bucket`. */
  testEvent(bucket: string, now: number): string;
  /** Null when the flavour does not sign. */
  signing: CheckSigning | null;
}
