// Rule matching: does a hook fire for an event on a key (SPEC §3). Pure.
import { filterOf, type HookSpec } from './types';

/** What matching looks at: the events as written and the resolved prefix and suffix ('' when absent). */
export interface EventFilter { events: readonly string[]; prefix: string; suffix: string }

/** True when `configured` (a name or a family wildcard like `s3:ObjectCreated:*`) covers `event`. */
export function eventMatches(configured: string, event: string): boolean {
  if (configured === event) return true;
  return configured.endsWith(':*') && event.startsWith(configured.slice(0, -1));
}

/** True when the filter's events name the event or its family, and the key starts with its prefix and ends with its suffix. */
export function filterMatches(filter: EventFilter, event: string, key: string): boolean {
  return key.startsWith(filter.prefix) && key.endsWith(filter.suffix) && filter.events.some((e) => eventMatches(e, event));
}

/** True when the hook's events name the event or its family, and the key starts with its prefix and ends with its suffix. */
export function hookMatches(spec: Pick<HookSpec, 'events' | 'rules'>, event: string, key: string): boolean {
  return filterMatches({ events: spec.events, ...filterOf(spec.rules) }, event, key);
}
