// S3's overlap rule for two notification configurations of one bucket, shared by the core (which refuses the
// overlap) and the UI (which says what fixes it): same event type and overlapping prefix and suffix. Pure.

/** What of a hook the overlap rule looks at: its events and its filter ('' = no prefix / no suffix). */
export interface OverlapFields { events: readonly string[]; prefix: string; suffix: string }

/** True when two event names can match the same event (equal, or one is the other's family wildcard). */
export function eventsOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const family = (e: string) => e.slice(0, e.lastIndexOf(':'));
  return family(a) === family(b) && (a.endsWith(':*') || b.endsWith(':*'));
}

/** True when some key matches both filters: one prefix starts the other and one suffix ends the other. */
export function filtersOverlap(a: Pick<OverlapFields, 'prefix' | 'suffix'>, b: Pick<OverlapFields, 'prefix' | 'suffix'>): boolean {
  const prefixes = a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
  const suffixes = a.suffix.endsWith(b.suffix) || b.suffix.endsWith(a.suffix);
  return prefixes && suffixes;
}

/** The event of `b` that two hooks could both fire for (on some key), or undefined when they never overlap. */
export function overlapEvent(a: OverlapFields, b: OverlapFields): string | undefined {
  if (!filtersOverlap(a, b)) return undefined;
  for (const ea of a.events) for (const eb of b.events) if (eventsOverlap(ea, eb)) return eb;
  return undefined;
}

/** Which changes can end an overlap between the hook being saved (`mine`) and an existing one (`other`). */
export interface OverlapWaysOut {
  /** The events of `other` that `mine` must not share (choosing others ends the overlap). */
  otherEvents: string[];
  /** A prefix or suffix on `mine` can end it: `other` has one to step out of (a filter-less hook covers every key). */
  narrowMine: boolean;
  /** A prefix or suffix on `other` can end it: `mine` has one. */
  narrowOther: boolean;
}

/** The ways out of an overlap of `mine` with `other`; removing `other` always works and is not listed. */
export function overlapWaysOut(mine: OverlapFields, other: OverlapFields): OverlapWaysOut {
  return {
    otherEvents: other.events.filter((eb) => mine.events.some((ea) => eventsOverlap(ea, eb))),
    narrowMine: other.prefix !== '' || other.suffix !== '',
    narrowOther: mine.prefix !== '' || mine.suffix !== '',
  };
}
