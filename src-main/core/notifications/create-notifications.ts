// STUB (to be replaced by the notifications owner): the notifications service factory.
import type { Db } from '../db/open';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { CoreConfig } from '../config';
import type { ObjectChangeListener } from '../object-change';
import type { OutboxEntry } from '../delivery/outbox';

export interface NotificationsDeps {
  db: Db; clock: Clock; logger: Logger; config: CoreConfig;
  /** Insert one outbox row (synchronous, same connection, inside the change's transaction). */
  enqueue: (entry: OutboxEntry) => void;
  /** Called after rows were enqueued (the engine wakes on the next tick, after commit). */
  onEnqueued: () => void;
}

export interface Notifications {
  onObjectChange: ObjectChangeListener;
  removeBucket(bucket: string): void;
}

export function createNotifications(_deps: NotificationsDeps): Notifications {
  return { onObjectChange: () => {}, removeBucket: () => {} };
}
