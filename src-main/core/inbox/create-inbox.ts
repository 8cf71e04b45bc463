// The built-in receiver at /_inbox/<name>: answers the VK handshake and AWS test events, records every
// request in SQLite within bounds (inbox count, bytes kept), refuses web pages, and fails on demand
// (status, delay, for N requests or until reset). Never throws.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/open';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import { AppError } from '../kernel/app-error';
import { handshakeSignature } from '../notifications/handshake';
import { createInboxStore, type InboxCapture, type InboxInfo } from './inbox-store';
import { pageRefusal } from './sender-policy';
import { asClause, inboxNameProblem } from '../../../src-shared/rules';

/** Marks an answer the inbox gives because it was told to fail (status or delay). */
export const FAILING_HEADER = 'x-buckethooks-inbox-failing';

/** Body bytes kept per capture. */
export const CAPTURE_LIMIT = 1024 * 1024;

/** How much the inboxes may keep. */
export interface InboxLimits {
  /** Inboxes that may exist; a request to a new name past it is refused. */
  maxInboxes: number;
  /** Bytes kept by all captures together; past it the oldest captures are evicted. */
  maxBytes: number;
}

export const DEFAULT_INBOX_LIMITS: InboxLimits = { maxInboxes: 100, maxBytes: 100 * 1024 * 1024 };

/** What the inboxes keep now, against their limits. */
export interface InboxUsage extends InboxLimits { inboxes: number; bytes: number }

export interface InboxDeps {
  db: Db; clock: Clock; logger: Logger; limits?: Partial<InboxLimits>;
  /** Resolves once every commit so far is on stable storage: a capture is answered only after it is durable. */
  durable?: () => Promise<void>;
}

export interface Inbox {
  /** The HTTP handler the server routes every /_inbox/… request to. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Every inbox that was configured or received something. */
  list(): InboxInfo[];
  /** Captures of an inbox, newest first; pass the last id seen as `beforeId` for the next page. */
  captures(name: string, limit?: number, beforeId?: number): InboxCapture[];
  /** Make an inbox answer `status` (null: 200) after `delayMs`, for the next `count` requests (null: until reset). */
  setFailure(name: string, status: number | null, delayMs?: number, count?: number | null): void;
  /** Back to healthy. */
  reset(name: string): void;
  /** Delete an inbox's captures; returns how many. */
  clear(name: string): number;
  /** Forget an inbox and its captures; false when there was none. */
  remove(name: string): boolean;
  /** Inboxes and bytes kept, with their limits. */
  usage(): InboxUsage;
}

function checkName(name: string): string {
  const problem = inboxNameProblem(name);
  if (problem) throw new AppError('InvalidInput', `inbox name: ${asClause(problem)}`);
  return name;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** The VK SubscriptionConfirmation answer, or undefined when `body` is not one. */
function confirmation(req: IncomingMessage, body: Buffer): string | undefined {
  if (String(req.headers['x-amz-sns-message-type'] ?? '').toLowerCase() !== 'subscriptionconfirmation') return undefined;
  try {
    const msg = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const { Token, Timestamp, TopicArn } = msg;
    if (typeof Token !== 'string' || typeof Timestamp !== 'string' || typeof TopicArn !== 'string') return undefined;
    // The Url the hook was configured with: this listener as the client addressed it.
    const url = `http://${req.headers.host ?? ''}${req.url ?? ''}`;
    return JSON.stringify({ signature: handshakeSignature(Token, Timestamp, TopicArn, url) });
  } catch {
    return undefined;
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Build the inbox over `db`. */
export function createInbox(deps: InboxDeps): Inbox {
  const store = createInboxStore(deps.db);
  const limits: InboxLimits = { ...DEFAULT_INBOX_LIMITS, ...deps.limits };
  const full = (name: string) => !store.exists(name) && store.count() >= limits.maxInboxes;
  const fullMessage = `at most ${limits.maxInboxes} inboxes: delete one in the Inbox screen first`;

  async function respond(req: IncomingMessage, res: ServerResponse, name: string, body: Buffer, size: number): Promise<void> {
    const now = deps.clock.now();
    if (full(name)) return reply(res, 429, { error: fullMessage });
    store.ensure(name, now);
    const answer = confirmation(req, body);
    const failure = answer === undefined ? store.takeFailure(name) : null;
    const status = failure?.status ?? 200;
    const id = store.record({
      inbox: name, method: req.method ?? 'GET', path: req.url ?? '', headers: flatHeaders(req), body, bodySize: size,
      responseStatus: status, receivedAt: now,
    }, limits.maxBytes);
    await deps.durable?.();
    if (failure?.delayMs) await deps.clock.sleep(failure.delayMs);
    if (res.destroyed) return;
    // The header tells a failure the user asked for (Inbox screen) from a fault, also on HEAD answers without a body.
    res.writeHead(status, { 'content-type': 'application/json', ...(failure ? { [FAILING_HEADER]: 'set in the Inbox screen' } : {}) });
    res.end(answer ?? JSON.stringify(status < 300 ? { received: id } : { error: `inbox ${name} is set to fail` }));
  }

  return {
    handle(req, res) {
      const name = (req.url ?? '').slice('/_inbox/'.length).split(/[/?]/)[0] ?? '';
      const named = inboxNameProblem(name) === null;
      const refusal = named ? pageRefusal(req) : undefined;
      if (!named || refusal) {
        reply(res, refusal ? 403 : 404, { error: refusal ?? 'no such inbox name' });
        req.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        if (size < CAPTURE_LIMIT) chunks.push(chunk.subarray(0, CAPTURE_LIMIT - size));
        size += chunk.length;
      });
      req.on('error', () => res.destroy());
      req.on('end', () => {
        respond(req, res, name, Buffer.concat(chunks), size).catch((err: unknown) => {
          deps.logger.error('inbox failed to answer', { inbox: name, error: String(err) });
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      });
    },
    list: () => store.list(),
    captures: (name, limit = 50, beforeId = Number.MAX_SAFE_INTEGER) =>
      store.captures(checkName(name), Math.min(Math.max(Math.floor(limit), 1), 500), beforeId),
    setFailure(name, status, delayMs = 0, count = null) {
      checkName(name);
      if (status !== null && (!Number.isInteger(status) || status < 100 || status > 599)) {
        throw new AppError('InvalidInput', 'status must be an HTTP status code (100–599) or null');
      }
      if (!Number.isFinite(delayMs) || delayMs < 0) throw new AppError('InvalidInput', 'delayMs must be ≥ 0');
      if (full(name)) throw new AppError('LimitExceeded', fullMessage);
      store.ensure(name, deps.clock.now());
      store.setFailure(name, status, Math.floor(delayMs), count);
    },
    reset(name) {
      if (!store.exists(checkName(name))) return;
      store.setFailure(name, null, 0, null);
    },
    clear: (name) => store.clear(checkName(name)),
    remove: (name) => store.remove(checkName(name)),
    usage: () => ({ ...limits, inboxes: store.count(), bytes: store.bytes() }),
  };
}

export type { InboxCapture, InboxInfo };
