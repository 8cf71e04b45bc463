// The add-hook dialog's event choices (VK's labels) and the retry policy text format.
import { HOOK_EVENT_LABELS, type HookEventLabel } from '../../../src-shared/contract';

/** Select options: VK's label, the S3 event name as value. */
export const EVENT_OPTIONS = (Object.entries(HOOK_EVENT_LABELS) as [HookEventLabel, string][])
  .map(([label, value]) => ({ label, value }));

/** The VK label of an event name, or the name itself. */
export function eventLabel(name: string): string {
  return EVENT_OPTIONS.find((o) => o.value === name)?.label ?? name;
}

/** Parse "1, 5, 30" (seconds) to delays in ms; '' → null (defaults). Throws a readable Error when invalid. */
export function parseRetryPolicy(text: string): number[] | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const parts = trimmed.split(/[\s,]+/).filter(Boolean);
  if (parts.length > 50) throw new Error('At most 50 retries');
  return parts.map((p) => {
    const n = Number(p);
    if (!Number.isFinite(n) || n < 0 || n > 7 * 24 * 3600) throw new Error(`"${p}" is not a delay in seconds (0 to 7 days)`);
    return Math.round(n * 1000);
  });
}

/** Delays in ms as the dialog's text ("1, 5, 30"). */
export function formatRetryPolicy(delays: readonly number[] | null): string {
  return delays ? delays.map((d) => String(d / 1000)).join(', ') : '';
}
