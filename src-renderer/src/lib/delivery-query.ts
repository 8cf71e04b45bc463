// The delivery log's filter as URL query parameters (?bucket=&hook=&status=&key=&since=&until=), so a filter
// survives leaving the screen, reloads and bookmarks, and the controls always show the filter in force.
import type { DeliveryFilter, DeliveryStatus } from '../../../src-shared/contract';

type Query = Record<string, string | null | (string | null)[] | undefined>;

const STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

function first(value: Query[string]): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : '';
}

function time(value: Query[string]): number | undefined {
  const text = first(value);
  if (text === '') return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** The filter a route query describes; unknown or malformed values are ignored. */
export function filterFromQuery(query: Query): DeliveryFilter {
  const status = first(query.status) as DeliveryStatus;
  const filter: DeliveryFilter = {
    bucket: first(query.bucket) || undefined,
    hookId: first(query.hook) || undefined,
    status: STATUSES.includes(status) ? status : undefined,
    keyPrefix: first(query.key) || undefined,
    since: time(query.since),
    until: time(query.until),
  };
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as DeliveryFilter;
}

/** The route query of a filter (empty fields left out; times as ISO strings, readable in the address bar). */
export function queryFromFilter(filter: DeliveryFilter): Record<string, string> {
  const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());
  const entries: [string, string][] = [
    ['bucket', filter.bucket ?? ''], ['hook', filter.hookId ?? ''], ['status', filter.status ?? ''],
    ['key', filter.keyPrefix ?? ''], ['since', iso(filter.since)], ['until', iso(filter.until)],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== ''));
}

/** "status failed · bucket photos" — the filter in words ('' when none). */
export function describeFilter(filter: DeliveryFilter): string {
  const parts: string[] = [];
  if (filter.status) parts.push(`status ${filter.status}`);
  if (filter.bucket) parts.push(`bucket ${filter.bucket}`);
  if (filter.hookId) parts.push(`hook ${filter.hookId}`);
  if (filter.keyPrefix) parts.push(`keys starting with "${filter.keyPrefix}"`);
  if (filter.since !== undefined) parts.push(`since ${new Date(filter.since).toLocaleString()}`);
  if (filter.until !== undefined) parts.push(`until ${new Date(filter.until).toLocaleString()}`);
  return parts.join(' · ');
}
