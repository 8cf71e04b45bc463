// Hook health of the app API: hooks.stats and hooks.timeline (the health service's figures), hooks.lint (warnings
// about a hook as the dialog would save it, or about a bucket's stored hooks, with a probe of each URL's port) and
// deliveries.histogram (the log's filtered rows per time bin, for the brushable chart).
import type { AppApiMethods } from '../../../src-shared/contract';
import type { Health } from '../health/create-health';
import type { Delivery } from '../delivery/create-delivery';
import type { Notifications } from '../notifications/create-notifications';
import { lintHook, probeUrl, type LintWarning } from '../notifications/lint-config';
import { readHook } from './hooks-api';
import { readFilter } from './deliveries-api';
import { asInput, optInt, str } from './validate';

type HealthMethods = Pick<AppApiMethods, 'hooks.stats' | 'hooks.timeline' | 'hooks.lint' | 'deliveries.histogram'>;

/** Each hook's warnings, then a warning for each URL nothing listens on (probed in parallel). */
async function withProbes(hooks: { id: string; url: string }[], warnings: LintWarning[]): Promise<LintWarning[]> {
  const probes = await Promise.all(hooks.map((h) => probeUrl(h)));
  return [...warnings, ...probes.filter((w): w is LintWarning => w !== undefined)];
}

/** The health methods over the health, delivery and notifications services. */
export function createHealthApi(health: Health, delivery: Delivery, notifications: Notifications): HealthMethods {
  return {
    async 'hooks.stats'(raw) {
      return health.stats(str(asInput(raw), 'bucket', 63));
    },
    async 'hooks.timeline'(raw) {
      const input = asInput(raw);
      const bucket = str(input, 'bucket', 63);
      const id = str(input, 'id', 255);
      notifications.getHook(bucket, id);
      return health.timeline(bucket, id, optInt(input, 'minutes', 1, 1440) ?? 60);
    },
    async 'hooks.lint'(raw) {
      const input = asInput(raw);
      const bucket = str(input, 'bucket', 63);
      if (input.hook === undefined) {
        const hooks = notifications.listHooks(bucket);
        return withProbes(hooks, notifications.lintBucket(bucket));
      }
      const h = readHook(input);
      const hook = { id: h.id ?? '', url: h.url, events: h.events, prefix: h.prefix ?? '', suffix: h.suffix ?? '' };
      return withProbes([hook], lintHook(hook));
    },
    async 'deliveries.histogram'(raw) {
      const input = asInput(raw);
      return delivery.histogram(readFilter(input), optInt(input, 'bins', 1, 200) ?? 60);
    },
  };
}

