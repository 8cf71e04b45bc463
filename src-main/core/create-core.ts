// Composition root: db → settings → notifications → delivery → storage → inbox → backfill → api → two HTTP listeners
// (S3 with the inbox; the app: UI and app API, an origin objects never share).
// Nothing here is global; tests build as many cores as they like, each on its own temp folder.
import { systemClock, type Clock } from './kernel/clock';
import { silentLogger, type Logger } from './kernel/logger';
import type { CoreConfig } from './kernel/config';
import { openDataDir } from './db/data-dir';
import { createWalSync } from './db/wal-sync';
import { GroupCommit } from './db/group-commit';
import { createSettings } from './settings/create-settings';
import { createStorage } from './storage/create-storage';
import { createObjectOperations } from './s3/ops';
import { createS3Handler } from './s3/http-handler';
import { durableOperations } from './s3/durable-operations';
import { createNotifications } from './notifications/create-notifications';
import { createNotificationOperations } from './s3/ops/notification-config';
import { createOutboxWriter } from './delivery/outbox';
import { createDelivery } from './delivery/create-delivery';
import { createBackfill } from './backfill/create-backfill';
import { createHealth } from './health/create-health';
import { createInbox, type InboxLimits } from './inbox/create-inbox';
import { createApi } from './api/create-api';
import { createRemotes } from './remote/create-remotes';
import { createUploadRelay } from './remote/upload-relay';
import { createListen } from './remote/listen/create-listen';
import { ownerOnlyFileSecrets, type SecretStore } from './kernel/secret-store';
import { durableApi } from './api/durable-api';
import { createServer } from './http/server';
import { createAppServer } from './http/app-server';
import type { StreamLimits } from './http/sse';
import { createUiToken } from './http/ui-token';
import type { UiNotReady } from './http/ui-not-ready';
import { VERSION } from './kernel/version';
import { loadSnsKeys } from './payloads/sns-keys';

export interface CoreOptions {
  config: CoreConfig;
  clock?: Clock;
  logger?: Logger;
  /** Folder of the built renderer to serve at /_ui/ (headless mode); omitted in Electron. */
  uiDir?: string;
  /** While this answers something, /_ui/ shows a page saying the UI is being built (or why it could not be). */
  uiNotReady?: () => UiNotReady | undefined;
  /** Do not start the delivery engine (tests that inspect the outbox). */
  paused?: boolean;
  /** Bounds of the built-in inbox (default: 100 inboxes, 100 MiB kept). */
  inboxLimits?: Partial<InboxLimits>;
  /** How secrets are sealed at rest: the desktop passes its safeStorage store; default: owner-only files. */
  secrets?: SecretStore;
  /** Bounds of the app API's live event streams (default STREAM_LIMITS). */
  streamLimits?: StreamLimits;
}

/** A running core: the HTTP listener is bound, the delivery engine started. */
export type Core = Awaited<ReturnType<typeof createCore>>;

/** Build and start a core: open the database, wire the services, listen on config.host:config.port. */
export async function createCore(options: CoreOptions) {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const db = openDataDir(config.dataDir, logger);
  const wal = createWalSync(db);
  // One group commit per connection: object changes, their outbox rows and delivery outcomes of a turn share it.
  const group = new GroupCommit(db);

  const settings = createSettings({ db, now: () => clock.now(), startedWith: config.confirmMode });
  const secrets = options.secrets ?? ownerOnlyFileSecrets;
  const notifications = createNotifications({
    db, clock, logger: logger.child('notifications'), config, confirmMode: settings.confirmMode,
    enqueue: createOutboxWriter(db),
    onEnqueued: (entries) => delivery.wake(entries?.map((e) => ({ bucket: e.bucket, id: e.hookId }))),
    bucketExists: (name) => storage.bucketExists(name), secrets,
  });
  const snsKeys = loadSnsKeys(config.dataDir);
  const delivery = createDelivery({
    db, clock, logger: logger.child('delivery'), version: VERSION, config, defaultSchedule: settings.retrySchedule,
    hooks: notifications.hookDirectory, group, durable: wal.durable, publicBase: () => endpoint, snsSign: snsKeys.sign,
  });
  const health = createHealth({ db, clock, logger: logger.child('health'), delivery, notifications });
  const storage = createStorage({
    db, dataDir: config.dataDir, clock, logger: logger.child('storage'),
    onChange: (change) => { notifications.onObjectChange(change); health.observeChange(change); },
    onBucketDeleted: (bucket) => notifications.removeBucket(bucket),
    durable: wal.durable, inlineLimit: config.inlineLimit, group,
  });
  const operations = durableOperations({
    ...createObjectOperations({ storage, config, clock }),
    ...createNotificationOperations({ notifications, bucketExists: (name) => storage.bucketExists(name) }),
  }, wal.durable);
  const inbox = createInbox({ db, clock, logger: logger.child('inbox'), limits: options.inboxLimits, durable: wal.durable });
  const uploads = createUploadRelay(clock, logger.child('remote'));
  const uiToken = createUiToken(config.dataDir);
  let endpoint = '';
  const server = createServer({
    s3: createS3Handler({
      operations, config, clock, logger: logger.child('s3'),
      cors: (bucket) => (storage.bucketExists(bucket) ? storage.cors.get(bucket) : null),
      bucketExists: (bucket) => storage.bucketExists(bucket),
      observe: health.metrics.s3,
    }),
    inbox, uploads, logger, snsCertificate: snsKeys.certificatePem, appOrigin: () => (appServer.port() ? appEndpoint() : undefined),
  });
  const appServer = createAppServer({
    token: uiToken.current, uiDir: options.uiDir, uiNotReady: options.uiNotReady, s3Origin: () => endpoint, logger, streamLimits: options.streamLimits,
    metrics: health.metrics.render,
  });
  const appEndpoint = () => `http://${config.host}:${appServer.port()}`;
  try {
    await server.listen(config.port, config.host);
    await listenApp(appServer, config);
  } catch (err) {
    await server.close();
    health.close();
    storage.close();
    wal.close();
    db.close();
    throw err;
  }
  const port = server.port();
  endpoint = `http://${config.host}:${port}`;
  const remotes = createRemotes({ dataDir: config.dataDir, secrets, logger: logger.child('remote') });
  const uiUrl = () => `${appEndpoint()}/_ui/?token=${uiToken.current()}`;
  const ui = {
    url: () => (options.uiDir ? uiUrl() : null),
    rotate: () => { uiToken.rotate(); appServer.tokenRotated(); return ui.url(); },
  };
  const listen = createListen({ remotes, clock, record: (event) => delivery.recordForwarded(event) });
  const backfill = createBackfill({ storage, notifications, delivery, durable: wal.durable, clock, logger: logger.child('backfill') });
  const api = durableApi(createApi({
    config, endpoint, settings, storage, notifications, delivery, inbox, remotes, uploads, backfill, listen, health, clock,
    dataDir: config.dataDir, ui, snsKeys,
  }), wal.durable);
  appServer.mountApi(api);
  if (!options.paused) delivery.start();

  return {
    api, db, config, settings, endpoint, port, storage, notifications, delivery, inbox, remotes, listen, health,
    /** The app API's token (kept in the data dir; rotating it from Settings changes it). */
    get token() { return uiToken.current(); },
    /** The browser UI's URL with the token (on the app listener). */
    get uiUrl() { return uiUrl(); },
    /** The app listener's origin: the UI, /_api/<method> and /_events. */
    get appEndpoint() { return appEndpoint(); },
    /** Stop listen sessions (their hooks removed), stop accepting requests, drain in-flight deliveries, close SQLite. */
    async close(): Promise<void> {
      await listen.stopAll();
      await Promise.all([server.close(), appServer.close()]);
      remotes.close();
      backfill.stopAll();
      await delivery.stop();
      health.close();
      storage.close();
      wal.close();
      db.close();
    },
  };
}

/** Bind the app listener on `config.uiPort` (0 or absent: a free one); a taken port falls back to a free one when allowed. */
async function listenApp(app: ReturnType<typeof createAppServer>, config: CoreConfig): Promise<void> {
  try {
    await app.listen(config.uiPort ?? 0, config.host);
  } catch (err) {
    if (!config.uiPortFallback || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    await app.listen(0, config.host);
  }
}
