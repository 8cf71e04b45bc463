// `buckethooks deliveries`: the delivery log of the running server, newest first, one tab-separated line per
// delivery (the UI's Deliveries screen for scripts and terminals). Reads through the app API; changes nothing.
import { UsageError } from '../launch/options';
import type { DeliveryPage, DeliveryRow, DeliveryStatus } from '../../src-shared/contract';
import { parse, server, text } from './commands';

const STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];
const MAX_LIMIT = 10_000;

/** One delivery as a line: id, created (ISO), status, attempts, bucket, hook, event, key, last result. */
export function deliveryLine(d: DeliveryRow): string {
  const last = d.lastStatus !== null ? `HTTP ${d.lastStatus}` : (d.lastError ?? '-');
  return [d.id, new Date(d.createdAt).toISOString(), d.status, d.attempts, d.bucket, d.hookId, d.eventName, d.key, last].join('\t');
}

/** `deliveries [--bucket B] [--hook ID] [--status S] [--prefix P] [--limit N]`. */
export async function deliveries(argv: string[], env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<void> {
  const { values, positionals } = parse(argv, {
    bucket: { type: 'string' }, hook: { type: 'string' }, status: { type: 'string' }, prefix: { type: 'string' }, limit: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`deliveries takes no arguments, got "${positionals[0]}"`);
  const status = text(values, 'status');
  if (status !== undefined && !STATUSES.includes(status as DeliveryStatus)) {
    throw new UsageError(`--status must be one of ${STATUSES.join(', ')}, got "${status}"`);
  }
  const rawLimit = text(values, 'limit') ?? '50';
  const limit = Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}, got "${rawLimit}"`);
  const filter = { bucket: text(values, 'bucket'), hookId: text(values, 'hook'), status, keyPrefix: text(values, 'prefix') };
  const api = server(values, env);
  let shown = 0;
  let cursor: string | undefined;
  do {
    const page = await api.api<DeliveryPage>('deliveries.list', { filter, cursor, limit: Math.min(500, limit - shown) });
    for (const d of page.items) print(deliveryLine(d));
    shown += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && shown < limit);
  if (shown === 0) print('No deliveries match');
}
