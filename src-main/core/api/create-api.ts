// Composition of the app API (AppApi of src-preload/contract.ts) over the core services: buckets/objects
// through the S3 client of the call's profile, hooks through the notifications service (this computer) or the
// remote's ?notification, deliveries/inbox/settings through the services, live events fanned out.
import type { AppApi } from '../../../src-shared/contract';
import type { CoreConfig } from '../kernel/config';
import type { Storage } from '../storage/create-storage';
import type { Notifications } from '../notifications/create-notifications';
import type { Delivery } from '../delivery/create-delivery';
import type { Inbox } from '../inbox/create-inbox';
import type { Clock } from '../kernel/clock';
import { createApiS3Client } from './s3-client';
import { createBucketsApi } from './buckets-api';
import { createObjectsApi } from './objects-api';
import { createHooksApi } from './hooks-api';
import { createRemoteHooksApi } from './remote-hooks-api';
import { createApplyHooksApi } from './apply-hooks-api';
import { createProfilesApi } from './profiles-api';
import { byProfile, createS3Resolver } from './profile-target';
import type { Remotes } from '../remote/create-remotes';
import type { UploadRelay } from '../remote/upload-relay';
import { VERSION } from '../kernel/version';
import { createDeliveriesApi } from './deliveries-api';
import { createInboxApi } from './inbox-api';
import { createSettingsApi, type UiAccess } from './settings-api';
import type { Settings } from '../settings/create-settings';
import { createApiEvents } from './events';
import { createExplainApi } from './explain-api';
import { createBackfillApi } from './backfill-api';
import { createCatalogApi } from './catalog-api';
import { createCheckApi } from './check-api';
import { createReceiverChecks } from '../check/receiver-checks';
import type { SnsKeys } from '../payloads/sns-keys';
import type { Backfill } from '../backfill/create-backfill';
import type { Listen } from '../remote/listen/create-listen';
import { createListenApi } from './listen-api';
import type { Health } from '../health/create-health';
import { createHealthApi } from './health-api';

export interface ApiDeps {
  config: CoreConfig; endpoint: string; dataDir: string; clock: Clock; settings: Settings;
  storage: Storage; notifications: Notifications; delivery: Delivery; inbox: Inbox; remotes: Remotes; uploads: UploadRelay;
  backfill: Backfill; listen: Listen; health: Health;
  /** This server's SNS signing keys (the receiver check signs sns envelopes with them). */
  snsKeys: SnsKeys;
  /** The browser UI's URL (null when none is served) and token rotation. */
  ui: UiAccess;
}

/** Build the AppApi of a running core; `endpoint` is the core's own S3 URL. */
export function createApi(deps: ApiDeps): AppApi {
  const s3 = createApiS3Client({
    endpoint: deps.endpoint, region: deps.config.region, accessKey: deps.config.accessKey, secretKey: deps.config.secretKey,
  });
  const { delivery, remotes } = deps;
  const resolve = createS3Resolver(s3, deps.endpoint, remotes, deps.uploads);
  const events = createApiEvents(delivery, deps.notifications, deps.backfill, deps.listen);
  const hooksChanged = (bucket: string) => events.emit({ name: 'hooks.changed', payload: { bucket } });
  return {
    ...createSettingsApi(deps.config, deps.endpoint, deps.settings, remotes.secretsKind, deps.ui),
    ...createProfilesApi(remotes, deps.config, deps.endpoint, resolve),
    ...createBucketsApi(resolve),
    ...createObjectsApi(resolve, () => deps.clock.now()),
    ...byProfile(createHooksApi(deps.notifications, delivery, hooksChanged), createRemoteHooksApi(remotes, { clock: deps.clock, version: VERSION, region: deps.config.region, publicBase: deps.endpoint }, hooksChanged)),
    ...createApplyHooksApi({ notifications: deps.notifications, delivery, remotes, changed: hooksChanged }),
    ...createExplainApi(deps.notifications),
    ...createBackfillApi(deps.backfill),
    ...createCheckApi(createReceiverChecks(deps.notifications, deps.snsKeys), events.emit),
    ...createDeliveriesApi(delivery),
    ...createHealthApi(deps.health, delivery, deps.notifications),
    ...createInboxApi(deps.inbox, deps.endpoint),
    ...createListenApi(deps.listen),
    ...createCatalogApi(delivery, { region: deps.config.region, ownerId: deps.config.ownerId, clock: deps.clock }),
    subscribe: events.subscribe,
  };
}
