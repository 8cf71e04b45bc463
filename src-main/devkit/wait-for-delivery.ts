// waitForDelivery of the programmatic API: the oldest delivered event of a key not returned yet, from the log or
// as it is delivered, or a timeout that says what was waited for and what the log holds for that key instead.
import type { DeliveryFilter, DeliverySummary, Delivery } from '../core/delivery/create-delivery';
import { eventMatches } from '../../src-shared/event-match';
import type { DeliveredEvent, DeliveryMatch } from './types';

const DEFAULT_TIMEOUT_MS = 10_000;

/** Every delivery of `match`'s key (newest first), walking the log's pages. */
function deliveriesOfKey(delivery: Delivery, match: DeliveryMatch, status?: 'delivered'): DeliverySummary[] {
  const filter: DeliveryFilter = { bucket: match.bucket, keyPrefix: match.key, hookId: match.hookId, status };
  const rows: DeliverySummary[] = [];
  for (let cursor: string | undefined; ;) {
    const page = delivery.list(filter, cursor, 500);
    rows.push(...page.items.filter((d) => d.key === match.key));
    if (!page.nextCursor) return rows;
    cursor = page.nextCursor;
  }
}

/** What `match` asks for, in words. */
function describeMatch(match: DeliveryMatch): string {
  const what = match.event ? `${match.event} event` : 'event';
  return `delivered ${what} of ${match.bucket}/${match.key}${match.hookId ? ` to hook ${match.hookId}` : ''}`;
}

/** What the log holds for the key instead: counts by status and the newest error. */
function describeLog(rows: readonly DeliverySummary[]): string {
  if (rows.length === 0) return 'no delivery of that key is in the log (no hook matched the change, or the change did not happen)';
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n]) => `${n} ${status}`);
  const error = rows.find((r) => r.lastError)?.lastError;
  return `the log has ${parts.join(', ')} for that key${error ? ` (last error: ${error})` : ''}`;
}

/** The waiter of one server: remembers what it returned, so each delivered event is returned once. */
export function createDeliveryWaiter(delivery: Delivery) {
  const returned = new Set<number>();
  const cancels = new Set<(reason: Error) => void>();

  const matches = (row: DeliverySummary, match: DeliveryMatch): boolean =>
    row.status === 'delivered' && row.bucket === match.bucket && row.key === match.key && !returned.has(row.id)
    && (match.hookId === undefined || row.hookId === match.hookId)
    && (match.event === undefined || eventMatches(match.event, row.eventName));

  function take(row: DeliverySummary): DeliveredEvent {
    returned.add(row.id);
    const body = delivery.get(row.id)?.body ?? '{"Records":[]}';
    const json = JSON.parse(body) as DeliveredEvent['json'];
    return { ...row, body, json, record: json.Records[0] };
  }

  return {
    /** Resolve with the oldest matching delivered event not returned yet, waiting up to `timeoutMs` for one. */
    wait(match: DeliveryMatch, options: { timeoutMs?: number } = {}): Promise<DeliveredEvent> {
      const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      return new Promise<DeliveredEvent>((resolve, reject) => {
        const end = (settle: () => void) => { clearTimeout(timer); off(); cancels.delete(cancel); settle(); };
        const cancel = (reason: Error) => end(() => reject(reason));
        const off = delivery.subscribe((event) => {
          if (event.type === 'delivery.finished' && matches(event.delivery, match)) {
            const found = take(event.delivery);
            end(() => resolve(found));
          }
        });
        const timer = setTimeout(() => cancel(new Error(
          `waitForDelivery: no ${describeMatch(match)} within ${timeoutMs} ms; ${describeLog(deliveriesOfKey(delivery, match))}`,
        )), timeoutMs);
        cancels.add(cancel);
        const already = deliveriesOfKey(delivery, match, 'delivered').filter((r) => matches(r, match)).at(-1);
        if (already) {
          const found = take(already);
          end(() => resolve(found));
        }
      });
    },
    /** Reject every wait still running (the server is closing). */
    close(): void {
      for (const cancel of [...cancels]) cancel(new Error('waitForDelivery: the server was closed'));
    },
  };
}
