// One run of the battery: the target, its flavour and secret, the sequencer and ids it hands out, how a delivery
// request is built and signed, and the exchanges of each case (every request is sent and recorded here).
import { systemClock } from '../kernel/clock';
import { sendOnce } from '../delivery/sender';
import { outcomeColumns, type AttemptOutcome } from '../delivery/outcome';
import { newEventId } from '../notifications/event-record';
import type { ObjectChange, S3EventName } from '../model/object-change';
import type { CheckFlavour } from './flavour';
import { CHECK_BUCKET, CHECK_HOOK_ID, CHECK_OWNER, sampleChange } from './samples';
import type { CheckAnswer, CheckExchange, CheckRequest } from './types';

/** What a delivery request is built with besides its records. */
export interface DeliveryOptions {
  /** The message id (`webhook-id`); default a new one. */
  id?: string;
  /** The signature timestamp (ms epoch); default now. */
  at?: number;
  /** Secrets to sign with; default the hook's secret (none: unsigned). */
  secrets?: readonly string[];
  summary?: string;
}

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

  /** The flavour's record of a change. */
  record(change: ObjectChange): unknown {
    return this.flavour.record(change, { hookId: CHECK_HOOK_ID, region: 'us-east-1', ownerId: CHECK_OWNER, eventId: newEventId(Date.now()) });
  }

  /** A POST of `content` shaped by the flavour, with the extra headers, and signed as `options` say. */
  request(content: { records: readonly unknown[] } | { body: string }, summary: string, options: DeliveryOptions = {}): CheckRequest {
    const id = options.id ?? this.newId();
    const at = options.at ?? Date.now();
    const { body, headers } = this.flavour.post(content, { id, now: at });
    const secrets = options.secrets ?? (this.secret ? [this.secret] : []);
    const signing = this.flavour.signing;
    const signed = signing && secrets.length > 0 ? signing.sign({ id, at, body }, secrets) : {};
    return { url: this.url, headers: { ...headers, ...signed, ...this.extraHeaders }, body, summary };
  }

  /** A delivery of `changes` in one POST (one record each). */
  delivery(changes: readonly ObjectChange[], options: DeliveryOptions = {}): CheckRequest {
    const what = changes.map((c) => `${c.eventName} of "${shorten(c.key)}"`).join(', ');
    return this.request({ records: changes.map((c) => this.record(c)) }, options.summary ?? what, options);
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
