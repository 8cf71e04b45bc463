// The live-event hub's typed subscriptions: a listener gets only the types it asked for, and the created-event
// watcher stays idle (no query, no events) while nobody wants 'delivery.created' (hook health listens to the others).
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDb, type Db } from '../../src-main/core/db/open';
import { createEventHub } from '../../src-main/core/delivery/events';
import { createCreatedWatcher } from '../../src-main/core/delivery/created-watcher';
import { silentLogger } from '../../src-main/core/kernel/logger';
import type { DeliveryEvent } from '../../src-main/core/delivery/types';
import { tempDir } from '../helpers/temp-dir';
import { enqueue } from './delivery-harness';

const progress: DeliveryEvent = {
  type: 'replay.progress', progress: { jobId: 'j', total: 1, done: 0, succeeded: 0, failed: 0, finished: false, cancelled: false },
};
const attempted: DeliveryEvent = {
  type: 'delivery.attempted', deliveryId: 1, attempt: 1, trigger: 'initial', ok: true, status: 200, errorClass: null,
  bucket: 'b', hookId: 'h', startedAt: 0, durationMs: 1, errorMessage: null,
};

describe('delivery event hub', () => {
  let db: Db | undefined;
  afterEach(() => { db?.close(); db = undefined; });

  it('hands a typed listener only its types and reports who listens for what', () => {
    const hub = createEventHub(silentLogger);
    const typed: DeliveryEvent[] = [];
    const every: DeliveryEvent[] = [];
    expect(hub.active()).toBe(false);
    const offTyped = hub.on((e) => typed.push(e), ['delivery.attempted']);
    expect(hub.active()).toBe(true);
    expect(hub.active('delivery.attempted')).toBe(true);
    expect(hub.active('delivery.created')).toBe(false);
    hub.emit(progress);
    hub.emit(attempted);
    expect(typed.map((e) => e.type)).toEqual(['delivery.attempted']);
    const offEvery = hub.on((e) => every.push(e));
    expect(hub.active('delivery.created')).toBe(true);
    hub.emit(progress);
    expect(every.map((e) => e.type)).toEqual(['replay.progress']);
    expect(typed).toHaveLength(1);
    offEvery();
    offTyped();
    expect(hub.active()).toBe(false);
  });

  it('emits created events only from when someone wants them, not while only other types are listened to', () => {
    db = openDb(join(tempDir(), 'events.sqlite'));
    const hub = createEventHub(silentLogger);
    const built: string[] = [];
    const emit = hub.emit;
    hub.emit = (e) => { if (e.type === 'delivery.created') built.push(e.delivery.key); emit(e); };
    const watcher = createCreatedWatcher(db, hub);
    hub.on(() => {}, ['delivery.attempted', 'delivery.finished', 'delivery.retrying']);
    watcher.poll();
    enqueue(db, { key: 'before', sequencer: 1, now: 1 });
    watcher.poll();
    expect(built).toEqual([]);
    const created: string[] = [];
    hub.on((e) => { if (e.type === 'delivery.created') created.push(e.delivery.key); });
    watcher.poll(); // the first look of a listener only notes where the log stands
    enqueue(db, { key: 'after', sequencer: 2, now: 2 });
    watcher.poll();
    expect(created).toEqual(['after']);
    expect(built).toEqual(['after']);
  });
});
