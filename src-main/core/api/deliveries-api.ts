// deliveries.* of the app API: the delivery log (filters + cursor, newest first), counts by status, one delivery
// with its attempts and retry outlook, replay of one, bulk replay (delivered ones only when asked) with progress.
import type { AppApiMethods, DeliveryStatus } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';
import type { DeliveryFilter } from '../delivery/types';
import type { Delivery } from '../delivery/create-delivery';
import { asInput, int, optBool, optInt, optOneOf, optStr, str, type Input } from './validate';

type DeliveryMethods = Pick<AppApiMethods,
  'deliveries.list' | 'deliveries.count' | 'deliveries.get' | 'deliveries.replay' | 'deliveries.replayAll' | 'deliveries.cancelReplay'>;

const STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];
const MAX_TIME = 8.64e15;

/** Read an optional `filter` object of the input. */
export function readFilter(input: Input): DeliveryFilter {
  if (input.filter === undefined || input.filter === null) return {};
  const f = asInput(input.filter);
  const filter: DeliveryFilter = {
    bucket: optStr(f, 'bucket', 63) || undefined,
    hookId: optStr(f, 'hookId', 255) || undefined,
    status: optOneOf(f, 'status', STATUSES),
    keyPrefix: optStr(f, 'keyPrefix', 1024) || undefined,
    since: optInt(f, 'since', 0, MAX_TIME),
    until: optInt(f, 'until', 0, MAX_TIME),
  };
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as DeliveryFilter;
}

/** The deliveries.* methods over the delivery service. */
export function createDeliveriesApi(delivery: Delivery): DeliveryMethods {
  return {
    async 'deliveries.list'(raw) {
      const input = asInput(raw);
      return delivery.list(readFilter(input), optStr(input, 'cursor', 256) || undefined, optInt(input, 'limit', 1, 500) ?? 100);
    },
    async 'deliveries.count'(raw) {
      return delivery.count(readFilter(asInput(raw)));
    },
    async 'deliveries.get'(raw) {
      const id = int(asInput(raw), 'id', 1, Number.MAX_SAFE_INTEGER);
      const found = delivery.get(id);
      if (!found) throw new AppError('NotFound', `Delivery ${id} not found`);
      const { body, attemptLog, retry, ...row } = found;
      return { delivery: row, body, attempts: attemptLog, retry };
    },
    async 'deliveries.replay'(raw) {
      await delivery.replay(int(asInput(raw), 'id', 1, Number.MAX_SAFE_INTEGER));
      return {};
    },
    async 'deliveries.replayAll'(raw) {
      const input = asInput(raw);
      const includeDelivered = optBool(input, 'includeDelivered') ?? false;
      return delivery.replayAll({ ...readFilter(input), ...(includeDelivered ? {} : { excludeDelivered: true }) });
    },
    async 'deliveries.cancelReplay'(raw) {
      return { cancelled: delivery.cancelReplay(str(asInput(raw), 'jobId', 128)) };
    },
  };
}
