// One run of the battery: the target, its flavour and secret, the sequencer and ids it hands out, how a request is
// built (by delivery's request builder, so every body and signature is the one hooks send) and the exchanges of
// each case (every request is sent and recorded here).
import { systemClock } from '../kernel/clock';
import { VERSION } from '../kernel/version';
import { sendOnce } from '../delivery/sender';
import { buildRequest, type OutgoingEvent } from '../delivery/request';
import { outcomeColumns, type AttemptOutcome } from '../delivery/outcome';
import { newEventId } from '../notifications/event-record';
import { flavourShape } from '../payloads/flavours';
import type { WrapContext } from '../payloads/shape';
import type { ObjectChange, S3EventName } from '../model/object-change';
import type { CheckFlavour, SigningOverride } from './flavour';
import { CHECK_BUCKET, CHECK_HOOK_ID, CHECK_OWNER, sampleChange } from './samples';
import type { SnsEndpoint } from './sns-endpoint';
import type { CheckAnswer, CheckExchange, CheckRequest } from './types';

/** What a delivery request is built with besides its events. */
export interface DeliveryOptions {
  /** The attempt's time (ms epoch; the signature timestamp); default now. */
  at?: number;
  /** Sign with this instead of the run's secret or SNS key. */
  sign?: SigningOverride;
  summary?: string;
}

/** The run's SNS signer and its endpoint (the certificate, the SubscribeURLs); sns flavour only. */
export type CheckSns = Pick<SnsEndpoint, 'publicBase' | 'subscribeUrl' | 'visited'> & { sign: (text: string) => string };

const REGION = 'us-east-1';

/** The state of one battery run, handed to every case. */
export class CheckContext {
  /** Every exchange of the run, in order (the timing case reads them). */
  readonly history: CheckExchange[] = [];
  /** The exchanges of the case running now. */
  exchanges: CheckExchange[] = [];
  /** Requests in a row that got no answer within the timeout. */
  timeoutsInARow = 0;
  private sequencer: number;

  constructor(
    readonly url: string, readonly flavour: CheckFlavour, readonly secret: string | null,
    readonly extraHeaders: Record<string, string>, readonly timeoutMs: number, readonly slowMs: number,
    readonly sns: CheckSns | null = null,
  ) {
    this.sequencer = Date.now() * 1000;
  }

  /** A sequencer larger than every one handed out before. */
  nextSequencer(): number { return ++this.sequencer; }

  /** A new message id, as deliveries' `webhook-id`. */
  newId(): string { return newEventId(Date.now()); }

  /** A change of `key` with the next sequencer. */
  change(eventName: S3EventName, key: string, sequencer = this.nextSequencer()): ObjectChange {
    return sampleChange(eventName, key, sequencer, Date.now());
  }

  /** Each change as the outbox keeps it: a new event id and the flavour's stored body. */
  events(changes: readonly ObjectChange[]): OutgoingEvent[] {
    return changes.map((change) => {
      const eventId = this.newId();
      return { eventId, body: flavourShape(this.flavour.name).body(change, { hookId: CHECK_HOOK_ID, region: REGION, ownerId: CHECK_OWNER, eventId }) };
    });
  }

  /** What payloads' wrappers get for an attempt at `now` (the SNS subscription case builds from it too). */
  wrapContext(now: number, sign?: SigningOverride): WrapContext {
    return {
      eventId: '', now, bucket: CHECK_BUCKET, hookId: CHECK_HOOK_ID, region: REGION, ownerId: CHECK_OWNER,
      secret: sign?.secret ?? this.secret, publicBase: this.sns?.publicBase ?? '', snsSign: sign?.snsSign ?? this.sns?.sign ?? (() => ''),
    };
  }

  /** The POST of `events` (one, or a batch) as a hook of this flavour sends it, plus the extra headers. */
  post(events: readonly OutgoingEvent[], summary: string, options: DeliveryOptions = {}): CheckRequest {
    const wrap = this.wrapContext(options.at ?? Date.now(), options.sign);
    const built = buildRequest(
      { bucket: CHECK_BUCKET, id: CHECK_HOOK_ID, url: this.url, flavour: this.flavour.name, secret: wrap.secret, auth: null }, events,
      { version: VERSION, now: wrap.now, region: REGION, ownerId: CHECK_OWNER, publicBase: wrap.publicBase, snsSign: wrap.snsSign },
    );
    return { url: this.url, headers: { ...built.headers, ...this.extraHeaders }, body: built.body, summary };
  }

  /** A delivery of `changes` in one POST. */
  delivery(changes: readonly ObjectChange[], options: DeliveryOptions = {}): CheckRequest {
    const what = changes.map((c) => `${c.eventName} of "${shorten(c.key)}"`).join(', ');
    return this.post(this.events(changes), options.summary ?? what, options);
  }

  /** Send `request`, record it with its answer (for the case and the run) and return the exchange. */
  async send(request: CheckRequest): Promise<CheckExchange> {
    const outcome = await sendOnce({ url: request.url, headers: request.headers, body: request.body, timeoutMs: this.timeoutMs }, systemClock);
    const answer = toAnswer(outcome);
    this.timeoutsInARow = answer.error?.startsWith('timeout:') ? this.timeoutsInARow + 1 : 0;
    const exchange = { request, answer };
    this.exchanges.push(exchange);
    this.history.push(exchange);
    return exchange;
  }

  /** The bucket the records name. */
  get bucket(): string { return CHECK_BUCKET; }
}

/** The sender's outcome as the check records it: the answer, or the network error as `<class>: <message>`. */
function toAnswer(attempt: AttemptOutcome): CheckAnswer {
  const outcome = outcomeColumns(attempt);
  if (outcome.status === null) {
    return { status: null, headers: null, body: null, error: `${outcome.errorClass}: ${outcome.errorMessage}`, durationMs: outcome.durationMs };
  }
  return { status: outcome.status, headers: outcome.headers, body: outcome.body, error: null, durationMs: outcome.durationMs };
}

/** A key cut for a message (the 1,024-byte one). */
export function shorten(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…(${Buffer.byteLength(text)} bytes)`;
}
