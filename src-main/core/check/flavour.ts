// The flavour descriptor the receiver check is built on: what the check needs to know beyond the payload builders
// (payloads/, delivery/request.ts build every body and signature): how a receiver confirms its URL, whether the
// service batches, how the flavour signs (so the signature cases can sign right and wrong on purpose).
import type { PayloadFlavour } from '../../../src-shared/contract';
import type { S3EventName } from '../model/object-change';
import type { CheckRequest } from './types';

/** What a request is signed with instead of the run's own secret or SNS key (the wrong-key case). */
export interface SigningOverride {
  /** Another hook secret (HMAC schemes). */
  secret?: string;
  /** Another RSA signer (SNS). */
  snsSign?: (text: string) => string;
}

/** How a flavour signs deliveries, so the signature cases can sign right and wrong on purpose. */
export interface CheckSigning {
  /** The scheme's name for messages (`Standard Webhooks`). */
  scheme: string;
  /** Where the signature travels, for messages (`webhook-signature`). */
  carrier: string;
  /** What signs: the hook's secret (`--secret`), or the data dir's SNS key (always there). */
  keyedBy: 'secret' | 'sns-key';
  /** Sign with something the receiver does not trust. */
  wrongKey(): SigningOverride;
  /** The request without its signature. */
  strip(request: CheckRequest): CheckRequest;
  /** Seconds of clock skew a receiver may accept (older is stale); null when the receiver has no timestamp to enforce. */
  toleranceSeconds: number | null;
  /** The request signed with each of `secrets` at once (a secret rotation); null when a delivery carries one signature. */
  rotate: ((request: CheckRequest, secrets: readonly string[]) => CheckRequest) | null;
}

/** One payload flavour as the check sees it. */
export interface CheckFlavour {
  name: PayloadFlavour;
  /** The event names the flavour delivers, each checked once. */
  events: readonly S3EventName[];
  /** How a receiver confirms its URL: VK's signed handshake, SNS's SubscribeURL, or nothing (the test event). */
  confirmation: 'vk-handshake' | 'sns-subscribe' | 'none';
  /** Whether the service posts several events in one request (B2); the batch case is skipped otherwise. */
  batches: boolean;
  /** What kind of secret `--secret` is (`Standard Webhooks`), for messages. */
  secretScheme: string;
  /** Why `secret` cannot be this flavour's `--secret`, or null when it can. */
  secretProblem(secret: string): string | null;
  /** Null when the flavour does not sign. */
  signing: CheckSigning | null;
}
