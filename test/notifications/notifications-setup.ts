// Test helper: a notifications service on a real SQLite database in a temp folder, with the real outbox writer.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, type Db } from '../../src-main/core/db/open';
import { systemClock } from '../../src-main/core/kernel/clock';
import { silentLogger } from '../../src-main/core/kernel/logger';
import { DEFAULTS, type ConfirmMode, type CoreConfig } from '../../src-main/core/kernel/config';
import { createOutboxWriter } from '../../src-main/core/delivery/outbox';
import type { RealismOptions } from '../../src-main/core/realism/realism';
import { createNotifications, type Notifications } from '../../src-main/core/notifications/create-notifications';
import { tempDir } from '../helpers/temp-dir';

export interface NotificationsFixture {
  db: Db; notifications: Notifications; config: CoreConfig; buckets: Set<string>; wakes: { count: number }; close(): void;
}

/** A service with buckets `b1` and `b2`, the given confirm mode, a short confirmation timeout and a realism default. */
export function setupNotifications(confirmMode: ConfirmMode, confirmTimeoutMs = 500, realism: RealismOptions | null = null): NotificationsFixture {
  const dir = tempDir('bh-notif-');
  const db = openDb(join(dir, 'db.sqlite'));
  const config: CoreConfig = { ...DEFAULTS, dataDir: dir, accessKey: 'AK', secretKey: 'SK', ownerId: 'owner1', confirmMode, realism };
  const buckets = new Set(['b1', 'b2']);
  const wakes = { count: 0 };
  const notifications = createNotifications({
    db, clock: systemClock, logger: silentLogger, config, confirmMode: () => confirmMode, enqueue: createOutboxWriter(db),
    onEnqueued: () => { wakes.count++; }, bucketExists: (n) => buckets.has(n), confirmTimeoutMs,
  });
  return { db, notifications, config, buckets, wakes, close() { db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** A one-hook VK configuration. */
export const vkConfig = (url: string, id = 'h1', event = 's3:ObjectCreated:Put') =>
  `<NotificationConfiguration><SimpleTopicConfiguration><Id>${id}</Id><Event>${event}</Event><Url>${url}</Url></SimpleTopicConfiguration></NotificationConfiguration>`;

/** A one-hook AWS TopicConfiguration. */
export const topicConfig = (url: string, id = 't1', event = 's3:ObjectCreated:*') =>
  `<NotificationConfiguration><TopicConfiguration><Id>${id}</Id><Topic>${url}</Topic><Event>${event}</Event></TopicConfiguration></NotificationConfiguration>`;
