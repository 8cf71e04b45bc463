// Rule matching: does a hook fire for an event on a key (SPEC §3). Pure.
import { filterOf, type HookSpec } from './types';

/** True when `configured` (a name or a family wildcard like `s3:ObjectCreated:*`) covers `event`. */
export function eventMatches(configured: string, event: string): boolean {
  if (configured === event) return true;
  return configured.endsWith(':*') && event.startsWith(configured.slice(0, -1));
}

/** True when the hook's events name the event or its family, and the key starts with its prefix and ends with its suffix. */
export function hookMatches(spec: Pick<HookSpec, 'events' | 'rules'>, event: string, key: string): boolean {
  if (!spec.events.some((e) => eventMatches(e, event))) return false;
  const { prefix, suffix } = filterOf(spec.rules);
  return key.startsWith(prefix) && key.endsWith(suffix);
}
