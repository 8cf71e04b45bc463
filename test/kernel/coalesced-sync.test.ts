// Group sync: each caller waits for a sync that started after its call; callers arriving during a sync share
// the one queued behind it; a failed sync fails only its own waiters.
import { describe, expect, it } from 'vitest';
import { CoalescedSync } from '../../src-main/core/kernel/durability/coalesced-sync';

/** A sync operation the test finishes by hand: `started` counts runs, `finish(i)` settles run i. */
function manualSync() {
  const runs: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const op = () => new Promise<void>((resolve, reject) => { runs.push({ resolve, reject }); });
  return { op, runs, tick: () => new Promise((r) => setImmediate(r)) };
}

describe('CoalescedSync', () => {
  it('a caller during a sync waits for the next one; callers meanwhile share it', async () => {
    const m = manualSync();
    const sync = new CoalescedSync(m.op);
    const order: string[] = [];
    const first = sync.sync().then(() => order.push('first'));
    const second = sync.sync().then(() => order.push('second'));
    const third = sync.sync().then(() => order.push('third'));
    expect(m.runs).toHaveLength(1);
    m.runs[0].resolve();
    await first;
    await m.tick();
    expect(order).toEqual(['first']);
    expect(m.runs).toHaveLength(2); // second and third share the sync queued behind the first
    m.runs[1].resolve();
    await Promise.all([second, third]);
    expect(order).toEqual(['first', 'second', 'third']);
    expect(m.runs).toHaveLength(2);
  });

  it('a failed sync rejects its waiters only; the next caller gets a fresh sync', async () => {
    const m = manualSync();
    const sync = new CoalescedSync(m.op);
    const failing = sync.sync();
    const queued = sync.sync();
    m.runs[0].reject(new Error('EIO'));
    await expect(failing).rejects.toThrow('EIO');
    await m.tick();
    m.runs[1].resolve();
    await expect(queued).resolves.toBeUndefined();
    const later = sync.sync();
    expect(m.runs).toHaveLength(3);
    m.runs[2].resolve();
    await expect(later).resolves.toBeUndefined();
  });
});
