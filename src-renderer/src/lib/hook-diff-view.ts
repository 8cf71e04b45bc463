// How the hook-set diff dialog words a hook and a change: VK event labels, prefix/suffix from the filter rules,
// and the fields that differ between the before and after of a changed hook. Pure.
import type { HookSpecView } from '../../../src-shared/contract';
import { eventLabel } from './hook-events';

/** The fields of a hook a person compares. */
export interface HookFields { events: string; url: string; prefix: string; suffix: string; dialect: string }

const rule = (spec: HookSpecView, kind: 'prefix' | 'suffix') => spec.rules.find((r) => r.name.toLowerCase() === kind)?.value ?? '';

/** A hook in words: "ObjectCreated, ObjectRemoved", its URL, prefix, suffix and XML dialect. */
export function hookFields(spec: HookSpecView): HookFields {
  return {
    events: spec.events.map(eventLabel).join(', '), url: spec.url, prefix: rule(spec, 'prefix'), suffix: rule(spec, 'suffix'),
    dialect: spec.dialect === 'vk' ? 'VK' : 'AWS',
  };
}

const LABELS: Record<keyof HookFields, string> = { events: 'Events', url: 'URL', prefix: 'Prefix', suffix: 'Suffix', dialect: 'Dialect' };

/** The fields a change touches, with their values before and after ('' shown as "none" by the caller). */
export function changedFields(before: HookSpecView, after: HookSpecView): { label: string; before: string; after: string }[] {
  const a = hookFields(before);
  const b = hookFields(after);
  return (Object.keys(LABELS) as (keyof HookFields)[])
    .filter((k) => a[k] !== b[k])
    .map((k) => ({ label: LABELS[k], before: a[k], after: b[k] }));
}
