// What replacing one bucket's hooks with another set would do: hooks added, changed and removed (matched by Id),
// and the NotificationConfiguration document that would be sent. Pure: import-XML previews and "Apply these hooks to…".
import { renderConfig } from './render-config';
import { filterOf, type HookSpec } from './types';

/** One hook whose Id exists on both sides with a different definition. */
export interface HookChange { before: HookSpec; after: HookSpec }

/** The outcome of replacing `current` with `next`, and the document a PUT would carry. */
export interface HookSetDiff {
  added: HookSpec[];
  changed: HookChange[];
  removed: HookSpec[];
  unchanged: HookSpec[];
  /** The whole configuration document for `next` (what one PUT ?notification sends). */
  xml: string;
}

/** True when two hooks fire the same events for the same keys to the same target in the same dialect. */
export function sameHook(a: HookSpec, b: HookSpec): boolean {
  const fa = filterOf(a.rules);
  const fb = filterOf(b.rules);
  const events = (h: HookSpec) => [...new Set(h.events)].sort().join('\n');
  return a.dialect === b.dialect && a.url === b.url && events(a) === events(b)
    && fa.prefix === fb.prefix && fa.suffix === fb.suffix;
}

/**
 * Compare a bucket's hooks with the set that would replace them. Added and changed follow `next`'s order,
 * removed follows `current`'s; a hook counts as changed when `sameHook` says so (event order and rule-name
 * case do not count).
 */
export function diffHookSets(current: readonly HookSpec[], next: readonly HookSpec[]): HookSetDiff {
  const before = new Map(current.map((h) => [h.id, h]));
  const nextIds = new Set(next.map((h) => h.id));
  const diff: HookSetDiff = { added: [], changed: [], removed: [], unchanged: [], xml: renderConfig(next) };
  for (const hook of next) {
    const old = before.get(hook.id);
    if (!old) diff.added.push(hook);
    else if (sameHook(old, hook)) diff.unchanged.push(hook);
    else diff.changed.push({ before: old, after: hook });
  }
  diff.removed = current.filter((h) => !nextIds.has(h.id));
  return diff;
}

/**
 * The set "Apply these hooks to…" writes: the source's hooks, and with `keepOthers` also the target's hooks
 * whose Id the source does not have (kept first, in their order).
 */
export function mergeHookSets(target: readonly HookSpec[], source: readonly HookSpec[], keepOthers: boolean): HookSpec[] {
  if (!keepOthers) return [...source];
  const ids = new Set(source.map((h) => h.id));
  return [...target.filter((h) => !ids.has(h.id)), ...source];
}
