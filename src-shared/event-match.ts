// Event matching, shared by the core and the UI: does a hook's event name (or family wildcard) cover an event
// (SPEC §3). Pure. Filters and hook states are judged in the core's notifications/verdicts.ts.

/** True when `configured` (a name or a family wildcard like `s3:ObjectCreated:*`) covers `event`. */
export function eventMatches(configured: string, event: string): boolean {
  if (configured === event) return true;
  return configured.endsWith(':*') && event.startsWith(configured.slice(0, -1));
}
