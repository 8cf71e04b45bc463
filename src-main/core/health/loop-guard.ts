// The write-back loop guard: an object change made from a hook's receiver address, under the hook's filter, while
// (or just after) the hook was delivering the key it derives from, is one more round of a loop. Rounds chain from
// event to event (from a loopback address, only writes made while the request was open count); at the hook's limit
// the hook is paused with the reason, inside the change's own transaction, so the event of that last round is never
// sent. Keeps the deliveries in flight and a small ring of recent ones; no SQL.

/** A committed object change as the guard sees it. */
export interface Write { bucket: string; key: string; sequencer: number; eventName: string; time: number; sourceIp: string }

/** A delivery being sent (or sent moments ago): the event it carries and when it was in flight. */
interface Sending { bucket: string; hookId: string; key: string; sequencer: number; start: number; end: number }

/** What the guard needs to know about a hook. */
export interface GuardedHook {
  prefix: string; suffix: string; events: readonly string[];
  /** Is `ip` the receiver's address? */
  isReceiver(ip: string): boolean;
  /** Rounds before pausing; 0 = no guard. */
  limit: number;
}

export interface LoopGuardDeps {
  hook(bucket: string, hookId: string): GuardedHook | undefined;
  /** Does a hook's event name cover an event (`s3:ObjectCreated:*` covers `…:Put`)? */
  covers(configured: string, event: string): boolean;
  /** The loop reached the hook's limit: pause it, saying why. */
  onLoop(bucket: string, hookId: string, reason: string): void;
  /** How long after an answer a write still counts as caused by it (ms). */
  graceMs?: number;
}

const RECENT = 256;
const isLoopback = (ip: string) => { const a = ip.replace(/^::ffff:/, ''); return a === '::1' || a.startsWith('127.'); };
const MAX_ROUNDS_KEPT = 4096;

/** `child` is written from `parent`: the same key, or one starting with the parent's key without its extension. */
export function derives(parent: string, child: string): boolean {
  if (child === parent) return true;
  const dot = parent.lastIndexOf('.');
  const stem = dot > parent.lastIndexOf('/') + 1 ? parent.slice(0, dot) : parent;
  return stem.length > 0 && !stem.endsWith('/') && child.startsWith(stem);
}

/** Build the guard; feed it deliveries as they start (`sending`) and finish (`sent`), and every change (`wrote`). */
export function createLoopGuard(deps: LoopGuardDeps) {
  const grace = deps.graceMs ?? 500;
  const inFlight = new Map<number, Sending>();
  const recent: Sending[] = [];
  /** Round of an event (bucket, key, sequencer) in a loop; absent = 0. */
  const rounds = new Map<string, number>();
  const eventKey = (bucket: string, key: string, sequencer: number) => `${bucket}\u0000${key}\u0000${sequencer}`;

  /**
   * How long after an answer a write from `ip` still counts. A loopback address is every local program's, the S3
   * client's as much as the receiver's: only a write made while the request was open is the receiver's there.
   */
  const graceFor = (ip: string) => (isLoopback(ip) ? 0 : grace);
  /** Could `w` be written back by the receiver of delivery `s` (same bucket, in its window, a key derived from its)? */
  const candidate = (s: Sending, w: Write) => w.bucket === s.bucket && w.time >= s.start && w.time <= s.end + graceFor(w.sourceIp)
    && derives(s.key, w.key);

  /** `w` is a write-back of delivery `s` when it is from the receiver, under the hook's filter: one round more than `s`. */
  function link(s: Sending, w: Write): void {
    const hook = deps.hook(s.bucket, s.hookId);
    if (!hook || hook.limit === 0 || !hook.isReceiver(w.sourceIp)) return;
    if (!w.key.startsWith(hook.prefix) || !w.key.endsWith(hook.suffix) || !hook.events.some((e) => deps.covers(e, w.eventName))) return;
    const round = (rounds.get(eventKey(s.bucket, s.key, s.sequencer)) ?? 0) + 1;
    rounds.set(eventKey(w.bucket, w.key, w.sequencer), round);
    if (rounds.size > MAX_ROUNDS_KEPT) rounds.delete(rounds.keys().next().value as string);
    if (round >= hook.limit) {
      deps.onLoop(s.bucket, s.hookId, `write-back loop: the receiver wrote ${JSON.stringify(w.key)} back under the hook's filter`
        + ` while its delivery of ${JSON.stringify(s.key)} was in flight, ${round} rounds in a row (limit ${hook.limit})`);
    }
  }

  return {
    /** A request to a hook started with these deliveries. */
    sending(bucket: string, hookId: string, deliveries: readonly { id: number; key: string; sequencer: number }[], at: number): void {
      for (const d of deliveries) inFlight.set(d.id, { bucket, hookId, key: d.key, sequencer: d.sequencer, start: at, end: Infinity });
      if (inFlight.size > 100_000) inFlight.delete(inFlight.keys().next().value as number);
    },
    /** Delivery `id`'s attempt was answered at `end`. */
    sent(id: number, end: number): void {
      const s = inFlight.get(id);
      if (!s) return;
      inFlight.delete(id);
      s.end = end;
      recent.push(s);
      if (recent.length > RECENT) recent.shift();
    },
    /** An object change was committed (called inside its transaction): linked to the closest delivery it derives from. */
    wrote(w: Write): void {
      let best: Sending | undefined;
      const consider = (s: Sending) => { if (candidate(s, w) && (!best || s.key.length > best.key.length)) best = s; };
      for (const s of inFlight.values()) consider(s);
      for (let i = recent.length - 1; i >= 0 && recent[i].end + graceFor(w.sourceIp) >= w.time; i--) consider(recent[i]);
      if (best) link(best, w);
    },
    /** The loop round of an event (0 when it was not written back by a receiver). */
    roundOf: (bucket: string, key: string, sequencer: number) => rounds.get(eventKey(bucket, key, sequencer)) ?? 0,
  };
}

export type LoopGuard = ReturnType<typeof createLoopGuard>;
