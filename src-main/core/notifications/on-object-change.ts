// What a committed object change does to the hooks of its bucket: each hook is judged (fired, held while paused, or
// skipped and why), the verdicts are traced, and the outbox rows of the hooks that fire are enqueued — all inside
// the change's transaction. Hooks in realism mode get their holds planned here (latency, reordering, bursts).
import type { Clock } from '../kernel/clock';
import type { ObjectChangeListener } from '../model/object-change';
import type { OutboxEntry } from '../model/outbox-entry';
import type { CachedHook } from './hook-cache';
import type { ChangeFeed } from './change-feed';
import type { TraceStore } from './trace-store';
import { eventBodies, newEventId } from './event-record';
import { judge, type Verdict } from './verdicts';
import { isActive, planHold } from '../realism/realism';

export interface ChangeHandlerDeps {
  hooks: (bucket: string) => readonly CachedHook[];
  traces: TraceStore;
  feed: ChangeFeed;
  clock: Pick<Clock, 'now'>;
  region: string;
  ownerId: string;
  /** Insert outbox rows (synchronous, same connection, inside the change's transaction). */
  enqueue: (entries: readonly OutboxEntry[]) => void;
  /** Called after rows were enqueued (the engine wakes on the next tick, after commit). */
  onEnqueued: () => void;
}

/** The listener storage calls for every committed object change. */
export function createChangeHandler(deps: ChangeHandlerDeps): ObjectChangeListener {
  return (change) => {
    const { bucket, key, eventName, sequencer } = change;
    const entries: OutboxEntry[] = [];
    const verdicts: Verdict[] = [];
    const now = deps.clock.now();
    let bodyFor: ReturnType<typeof eventBodies> | undefined;
    for (const hook of deps.hooks(bucket)) {
      const verdict = judge(hook, eventName, key);
      verdicts.push(verdict);
      if (verdict.outcome === 'skipped') continue;
      bodyFor ??= eventBodies(change, deps.region, deps.ownerId);
      const body = bodyFor(hook.dialect, hook.id);
      const entry: OutboxEntry = { eventId: newEventId(change.time), bucket, hookId: hook.id, key, eventName, sequencer, body, now };
      if (isActive(hook.realism)) Object.assign(entry, planHold(hook.realism, { bucket, hookId: hook.id, key, sequencer }, now));
      entries.push(entry);
    }
    deps.traces.record(change, verdicts, now);
    deps.feed.changed();
    if (entries.length === 0) return;
    deps.enqueue(entries);
    deps.onEnqueued();
  };
}
