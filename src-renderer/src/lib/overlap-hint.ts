// What the hook dialog offers after a HookOverlap refusal: the existing hook the draft clashes with (by the shared
// overlap rule the core checks) and only the changes that can end the clash. Pure.
import { overlapEvent, overlapWaysOut, type OverlapFields } from '../../../src-shared/hook-overlap';
import { eventLabel } from './hook-events';

/** The clash in words, and which of the dialog's fields can end it. */
export interface OverlapHint {
  /** The events the draft must not share with it. */
  sharedEvents: string;
  /** Changing this hook's prefix or suffix can end it (the other hook has a filter to step out of). */
  narrowMine: boolean;
  /** What can be done to the other hook, as a sentence. */
  otherAdvice: string;
}

/**
 * The first hook of `hooks` (other than `ownIds`: the draft's own Id and the Id it replaces) that `draft` overlaps,
 * with the ways out; null when none does by the rule (e.g. the list is stale).
 */
export function overlapHint<H extends OverlapFields & { id: string }>(draft: OverlapFields, hooks: readonly H[], ownIds: readonly string[]): OverlapHint | null {
  const other = hooks.find((h) => !ownIds.includes(h.id) && overlapEvent(draft, h) !== undefined);
  if (!other) return null;
  const ways = overlapWaysOut(draft, other);
  const name = `"${other.id}"`;
  return {
    sharedEvents: ways.otherEvents.map(eventLabel).join(', '),
    narrowMine: ways.narrowMine,
    otherAdvice: ways.narrowOther
      ? `Or edit hook ${name} in the hooks list (other events, or a prefix or suffix that no longer covers this hook's keys), or delete it.`
      : `Or edit hook ${name}'s events in the hooks list, or delete it: this hook has no prefix or suffix, so no filter on ${name} ends the clash.`,
  };
}
