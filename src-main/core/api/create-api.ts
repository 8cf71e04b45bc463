// STUB (to be replaced by the UI owner): implements AppApi over the core services.
import type { AppApi } from '../../../src-preload/contract';
import type { CoreConfig } from '../config';
import type { Storage } from '../storage/create-storage';
import type { Notifications } from '../notifications/create-notifications';
import type { Delivery } from '../delivery/create-delivery';
import type { Inbox } from '../inbox/create-inbox';
import type { Clock } from '../clock';

export interface ApiDeps {
  config: CoreConfig; endpoint: string; dataDir: string; clock: Clock;
  storage: Storage; notifications: Notifications; delivery: Delivery; inbox: Inbox;
}

export function createApi(deps: ApiDeps): AppApi {
  return {
    'server.status': async () => ({ endpoint: deps.endpoint, region: deps.config.region, accessKey: deps.config.accessKey }),
  };
}
