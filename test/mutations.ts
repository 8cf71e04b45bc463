// Known mutations of the delivery engine, notifications and the composition root that the suite must kill
// (run by scripts/mutation-check.ts in `npm test`). Each search text must occur exactly once in its file:
// when a refactor moves the code, the check fails loudly and the entry is updated here to the new code.

/** One deliberate bug: search → replace edits to one source file, and the test files expected to catch it. */
export interface Mutation {
  /** What the mutated code gets wrong. */
  name: string;
  /** Source file, relative to the repository root. */
  file: string;
  /** Exact search → replace pairs; each search must match exactly once. */
  edits: [search: string, replace: string][];
  /** Test files (relative to the root) run against the mutated code; at least one test must fail. */
  tests: string[];
}

const ENGINE = 'src-main/core/delivery/engine.ts';
const ON_CHANGE = 'src-main/core/notifications/on-object-change.ts';
const APPLY = 'src-main/core/notifications/apply-config.ts';

export const MUTATIONS: Mutation[] = [
  {
    name: 'a retry is signed with the delivery creation time, not the attempt time',
    file: ENGINE,
    edits: [['buildRequest(hook, events, deps.requestContext(clock.now()));', 'buildRequest(hook, events, deps.requestContext(rows[0].created_at));']],
    tests: ['test/delivery/delivery-engine.test.ts'],
  },
  {
    name: 'a replay is signed with the delivery creation time, not the attempt time',
    file: 'src-main/core/delivery/replay.ts',
    edits: [
      ['SELECT id, event_id, bucket, hook_id, body FROM deliveries WHERE id = ?', 'SELECT id, event_id, bucket, hook_id, body, created_at FROM deliveries WHERE id = ?'],
      ['buildRequest(hook, [{ eventId, body }], deps.requestContext(clock.now()))', 'buildRequest(hook, [{ eventId, body }], deps.requestContext((row.get(id) as { created_at: number }).created_at))'],
    ],
    tests: ['test/delivery/delivery-engine.test.ts'],
  },
  {
    name: 'bulk replay runs every delivery on its own, several of one key in flight at once',
    file: 'src-main/core/delivery/bulk-replay.ts',
    edits: [['const k = `${item.bucket}\\u0000${item.hook_id}\\u0000${item.key}`;', 'const k = String(item.id);']],
    tests: ['test/delivery/delivery-replay.test.ts'],
  },
  {
    name: 'bulk replay follows row ids instead of sequencers within a key',
    file: 'src-main/core/delivery/bulk-replay.ts',
    edits: [
      ['[...items].sort((a, b) => a.sequencer - b.sequencer || a.id - b.id)', 'items'],
      ['AND (sequencer, id) > (@afterSequencer, @afterId)', 'AND id > @afterId'],
      ['ORDER BY sequencer, id LIMIT', 'ORDER BY id LIMIT'],
    ],
    tests: ['test/delivery/delivery-replay.test.ts'],
  },
  {
    name: 'the composition root writes outbox rows after the object change committed',
    file: 'src-main/core/create-core.ts',
    edits: [['enqueue: createOutboxWriter(db),', 'enqueue: ((write: ReturnType<typeof createOutboxWriter>) => (entries: Parameters<typeof write>[0]) => { setImmediate(() => write(entries)); })(createOutboxWriter(db)),']],
    tests: ['test/storage/core-outbox-atomicity.test.ts'],
  },
  {
    name: 'a failed outbox insert is swallowed and the object change commits without its events',
    file: ON_CHANGE,
    edits: [['    deps.enqueue(entries);\n', '    try { deps.enqueue(entries); } catch { return; }\n']],
    tests: ['test/storage/core-outbox-atomicity.test.ts'],
  },
  {
    name: 'the head of a key line is its lowest row id, not its lowest sequencer',
    file: 'src-main/core/delivery/store.ts',
    edits: [['AND (e.sequencer < d.sequencer OR (e.sequencer = d.sequencer AND e.id < d.id))`', 'AND e.id < d.id`']],
    tests: ['test/delivery/delivery-ordering.test.ts'],
  },
  {
    name: 'a replay ignores its hook\'s concurrency',
    file: 'src-main/core/delivery/replay.ts',
    edits: [['const release = hook ? await deps.slots.acquire(hook) : () => undefined;', 'const release = () => undefined;']],
    tests: ['test/delivery/delivery-replay-bounds.test.ts'],
  },
  {
    name: 'a hook may run more attempts at once than its concurrency',
    file: ENGINE,
    edits: [['let free = Math.min(hook.concurrency - busy -', 'let free = Math.min(deps.maxConcurrency - busy -']],
    tests: ['test/delivery/delivery-ordering.test.ts'],
  },
  {
    name: 'a 410 Gone does not disable the hook',
    file: ENGINE,
    edits: [['gone: disablesHook(outcome) });', 'gone: false });']],
    tests: ['test/delivery/delivery-engine.test.ts'],
  },
  {
    name: 'a replay answered 410 Gone does not disable the hook',
    file: 'src-main/core/delivery/replay.ts',
    edits: [['if (hook && disablesHook(outcome)) deps.hooks.disable(hook.bucket, hook.id);', '']],
    tests: ['test/delivery/delivery-replay.test.ts'],
  },
  {
    name: 'a retry is not re-armed on the clock after a failed attempt',
    file: ENGINE,
    edits: [["if (r?.row.status === 'pending') armAt(r.row.next_at);", "if (r?.row.status === 'pending') void r.row.next_at;"]],
    tests: ['test/delivery/delivery-engine.test.ts'],
  },
  {
    name: 'a 3xx answer counts as delivered',
    file: 'src-main/core/delivery/outcome.ts',
    edits: [["const kind = status >= 200 && status < 300 ? 'delivered'", "const kind = status >= 200 && status < 400 ? 'delivered'"]],
    tests: ['test/delivery/delivery-engine.test.ts'],
  },
  {
    name: 'a failed replay marks a delivered delivery failed',
    file: 'src-main/core/delivery/store.ts',
    edits: [["status = CASE WHEN @ok = 1 THEN 'delivered' ELSE status END", "status = CASE WHEN @ok = 1 THEN 'delivered' ELSE 'failed' END"]],
    tests: ['test/delivery/delivery-replay.test.ts'],
  },
  {
    name: 'the retry schedule is read one step late',
    file: 'src-main/core/delivery/schedule.ts',
    edits: [['const base = input.schedule[input.autoAttempts - 1];', 'const base = input.schedule[input.autoAttempts];']],
    tests: ['test/delivery/delivery-engine.test.ts'],
  },
  {
    name: 'Retry-After is not capped at twice the scheduled delay',
    file: 'src-main/core/delivery/schedule.ts',
    edits: [['Math.min(Math.max(input.retryAfterMs, delay), 2 * delay)', 'Math.max(input.retryAfterMs, delay)']],
    tests: ['test/delivery/delivery-engine.test.ts'],
  },
  {
    name: 'the maximum age of a hook is ignored',
    file: 'src-main/core/delivery/schedule.ts',
    edits: [['if (input.maxAgeMs !== null && at > input.createdAt + input.maxAgeMs) return null;', '']],
    tests: ['test/delivery/delivery-engine.test.ts'],
  },
  {
    name: 'hook confirmations of one PUT run one after another',
    file: APPLY,
    edits: [
      ['Promise.all(pending.map((spec) => confirmUrl(', 'pending.reduce<Promise<ConfirmResult[]>>(async (done, spec) => [...await done, await confirmUrl('],
      ['  )));\n  const failed', '  )], Promise.resolve([]));\n  const failed'],
    ],
    tests: ['test/notifications/notifications-confirm.test.ts'],
  },
  {
    name: 'an unchanged confirmed hook is confirmed again on every PUT',
    file: APPLY,
    edits: [['return !prev || prev.url !== spec.url || !prev.confirmed;', 'return true;']],
    tests: ['test/notifications/notifications-confirm.test.ts'],
  },
  {
    name: 'strict mode saves hooks whose confirmation failed',
    file: APPLY,
    edits: [["if (failed.length > 0 && ctx.confirmMode === 'strict') {", "if (failed.length > 0 && ctx.confirmMode === 'off') {"]],
    tests: ['test/notifications/notifications-confirm.test.ts'],
  },
  {
    name: 'the suffix filter rule is ignored',
    file: 'src-main/core/notifications/verdicts.ts',
    edits: [["  if (!key.endsWith(hook.suffix)) return { id, outcome: 'skipped', why: 'suffix', detail: hook.suffix };\n", '']],
    tests: ['test/notifications/notifications-service.test.ts'],
  },
  {
    name: 'the hook cache is never invalidated',
    file: 'src-main/core/notifications/hook-cache.ts',
    edits: [['if (v !== seen || !snapshot) {', 'if (!snapshot) {']],
    tests: ['test/notifications/notifications-hook-cache.test.ts'],
  },
  {
    name: 'the handshake signature skips the TopicArn step',
    file: 'src-main/core/notifications/handshake.ts',
    edits: [["const k2 = createHmac('sha256', k1).update(topicArn).digest();", 'const k2 = k1;']],
    tests: ['test/notifications/notifications-handshake.test.ts'],
  },
  {
    name: 'an object change does not wake the delivery engine',
    file: ON_CHANGE,
    edits: [['    deps.enqueue(entries);\n    deps.onEnqueued(entries);\n', '    deps.enqueue(entries);\n']],
    tests: ['test/notifications/notifications-service.test.ts'],
  },
  {
    // The engine's own abort (for c of controllers) is backed by the send worker's close at the service level, so a
    // mutation of either alone stops nothing visibly; the close is the one that ends what is still open.
    name: 'closing the send worker leaves its open requests hanging',
    file: 'src-main/core/delivery/send-worker.ts',
    edits: [["failOpen('the send worker was closed');", '']],
    tests: ['test/delivery/send-worker.test.ts', 'test/delivery/delivery-ordering.test.ts'],
  },
  {
    name: 'the engine-wide concurrency limit is ignored',
    file: ENGINE,
    edits: [['deps.maxConcurrency - inflight.size);', 'Infinity);']],
    tests: ['test/delivery/delivery-ordering.test.ts'],
  },
  {
    name: 'the engine reads new rows before their transaction is on stable storage',
    file: ENGINE,
    edits: [['    const upTo = mark.upTo();\n    if (upTo <= seenUpTo) return;', '    const upTo = store.maxId();\n    if (upTo <= seenUpTo) return;']],
    tests: ['test/delivery/delivery-durable-claim.test.ts', 'test/delivery/delivery-durable-order.test.ts'],
  },
  {
    name: 'a hook\'s own claim reaches past the durable mark',
    file: 'src-main/core/delivery/store.ts',
    edits: [[" AND d.next_at <= @now AND d.id <= @upTo\";", "\";"]],
    tests: ['test/delivery/delivery-durable-claim.test.ts'],
  },
  {
    name: 'a finished delivery does not release the next pending event of its key',
    file: 'src-main/core/delivery/store.ts',
    edits: [["const followed = row.status !== 'pending' && follower.get(row.bucket, row.key, row.hook_id) !== undefined;", 'const followed = false;']],
    tests: ['test/delivery/delivery-ordering.test.ts'],
  },
  {
    name: 'paused hooks are claimed like active ones',
    file: 'src-main/core/notifications/hook-cache.ts',
    edits: [["if (hook.state === 'active') out.active.push(hook);", "if (hook.state !== 'disabled') out.active.push(hook);"]],
    tests: ['test/delivery/delivery-ordering.test.ts'],
  },
  {
    name: 'a hanging receiver is never cut off at the hook timeout',
    file: 'src-main/core/delivery/sender.ts',
    edits: [['timedOut = true; abort();', 'timedOut = true;']],
    tests: ['test/delivery/delivery-engine.test.ts', 'test/delivery/send-worker.test.ts'],
  },
  {
    name: 'the whole response body is kept in the attempt log',
    file: 'src-main/core/delivery/http-post.ts',
    edits: [['if (kept < limit) chunks.push(chunk.subarray(0, limit - kept));', 'chunks.push(chunk);']],
    tests: ['test/delivery/delivery-engine.test.ts', 'test/delivery/send-worker.test.ts'],
  },
  {
    name: 'every attempt carries a new webhook-id',
    file: 'src-main/core/delivery/headers.ts',
    edits: [["'webhook-id': input.eventId,", "'webhook-id': input.eventId + input.now,"]],
    tests: ['test/delivery/delivery-engine.test.ts'],
  },
  {
    name: 'retention also prunes failed deliveries',
    file: 'src-main/core/delivery/retention.ts',
    edits: [["WHERE status = 'delivered' AND id < @below", "WHERE status != 'pending' AND id < @below"]],
    tests: ['test/delivery/delivery-replay.test.ts'],
  },
  {
    name: 'the created-event watcher announces the last seen delivery again',
    file: 'src-main/core/delivery/created-watcher.ts',
    edits: [['WHERE id > ? ORDER BY id', 'WHERE id >= ? ORDER BY id']],
    tests: ['test/delivery/delivery-replay.test.ts'],
  },
  {
    name: 'a cancelled bulk replay finishes the key line it is in',
    file: 'src-main/core/delivery/bulk-replay.ts',
    edits: [['          if (job.cancelled) return;\n', '']],
    tests: ['test/delivery/delivery-replay.test.ts'],
  },
  {
    name: 'the outbox writer drops a row of every full batch',
    file: 'src-main/core/delivery/outbox.ts',
    edits: [['const rows = Math.min(MAX_ROWS, list.length - from);', 'const rows = Math.min(MAX_ROWS - 1, list.length - from);']],
    tests: ['test/notifications/notifications-hook-cache.test.ts'],
  },
  {
    name: 'a space in a key is not encoded as + in event records',
    file: 'src-main/core/payloads/keys.ts',
    edits: [[".replace(/%20/g, '+')", '']],
    tests: ['test/notifications/notifications-records.test.ts'],
  },
  {
    name: 'disabled hooks still fire',
    file: 'src-main/core/notifications/verdicts.ts',
    edits: [["  if (hook.state === 'disabled') return { id, outcome: 'skipped', why: 'disabled' };\n", '']],
    tests: ['test/notifications/notifications-hook-cache.test.ts'],
  },
  {
    name: 'realism holds are not planned',
    file: ON_CHANGE,
    edits: [['if (isActive(hook.realism)) Object.assign(entry, planHold(', 'if (false) Object.assign(entry, planHold(']],
    tests: ['test/realism/realism-outbox.test.ts'],
  },
  {
    name: 'every hook may break per-key order',
    file: ENGINE,
    edits: [['!hook.realism?.breakKeyOrder)', 'false)']],
    tests: ['test/delivery/delivery-ordering.test.ts'],
  },
  {
    name: 'realism duplicates every delivered event',
    file: 'src-main/core/realism/realism.ts',
    edits: [["draw(r.seed, 'duplicate', event) < r.duplicateRate", 'true']],
    tests: ['test/realism/realism-plan.test.ts'],
  },
  {
    name: 'a remote that merges by Id keeps a removed hook: no DELETE ?notification=<Id> after the read-back',
    file: 'src-main/core/remote/remote-write.ts',
    edits: [['    if (cmp.leftover.length > 0) {', '    if (cmp.leftover.length > 999) {']],
    tests: ['test/remote/merging-remote.test.ts'],
  },
  {
    name: 'a remote write is reported as done from its status code, whatever was read back',
    file: 'src-main/core/remote/remote-write.ts',
    edits: [['    if (cmp.differences.length > 0) throw mismatch(conn, bucket, cmp, found);', '']],
    tests: ['test/remote/merging-remote.test.ts'],
  },
  {
    name: 'a topic BucketHooks created outlives its last hook',
    file: 'src-main/core/remote/topic-targets.ts',
    edits: [['if (!isTopicArn(arn) || !isOwnTopic(arn, bucket) || used.has(arn)) continue;', 'continue;']],
    tests: ['test/remote/merging-remote.test.ts'],
  },
  {
    name: 'an edit of a remote hook drops the parts BucketHooks cannot edit',
    file: 'src-main/core/remote/remote-hooks.ts',
    edits: [['kept: at >= 0 ? hooks[at].kept : []', 'kept: []']],
    tests: ['test/remote/merging-remote.test.ts'],
  },
  {
    name: 'the receiver check takes a 2xx to a forged delivery for a refusal',
    file: 'src-main/core/check/cases/case.ts',
    edits: [['e.answer.status >= 400 && e.answer.status < 500;', 'e.answer.status >= 200 && e.answer.status < 500;']],
    tests: ['test/delivery/receiver-check-broken.test.ts'],
  },
  {
    name: 'the receiver check sends its duplicate with a new webhook-id',
    file: 'src-main/core/check/cases/semantics.ts',
    edits: [['ctx.post(events, `the same event again', 'ctx.post(ctx.events([ctx.change(\'s3:ObjectCreated:Put\', \'check/duplicate.txt\')]), `the same event again']],
    tests: ['test/delivery/receiver-check-broken.test.ts'],
  },
  {
    name: 'the receiver check lets an sns receiver visit a forged SubscribeURL',
    file: 'src-main/core/check/cases/sns-subscription.ts',
    edits: [['if (await sns.visited(forged, 0)) {', "if (forged === '') {"]],
    tests: ['test/check/check-flavours.test.ts'],
  },
  {
    name: 'the receiver check posts the b2 batch as one event',
    file: 'src-main/core/check/cases/semantics.ts',
    edits: [['ctx.send(ctx.post(ctx.events(changes), summary))', 'ctx.send(ctx.post(ctx.events(changes.slice(0, 1)), summary))']],
    tests: ['test/check/check-flavours.test.ts'],
  },
  {
    name: 'the receiver check asks for the handshake once, so a cached answer passes',
    file: 'src-main/core/check/cases/handshake.ts',
    edits: [['const [second] = await confirm(ctx, now - 90_000, answer);', 'const second = answer === null ? \'none\' : null;']],
    tests: ['test/delivery/receiver-check-broken.test.ts'],
  },
];
