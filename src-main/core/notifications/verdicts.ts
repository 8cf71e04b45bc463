// "Why didn't my hook fire?": what one hook does with one object change (fired, held while paused, or skipped and
// why) and the sentence that explains it, showing the key raw and URL-encoded where a filter compares it. Pure.
import { encodeEventKey } from './event-record';
import { eventMatches } from '../../../src-shared/event-match';
import type { HookState } from './types';

/** A hook as the verdict needs it: its filter, state and confirmation. */
export interface JudgedHook {
  id: string; events: readonly string[]; prefix: string; suffix: string; state: HookState; confirmed: boolean;
  confirmError: string | null;
}

/** Why a hook was skipped or held, or what was odd about firing it. */
export type VerdictWhy = 'disabled' | 'event' | 'prefix' | 'suffix' | 'paused' | 'unconfirmed';

/** What one hook did with one change (stored in the trace; `detail` is the value the reason names). */
export interface Verdict { id: string; outcome: 'fired' | 'held' | 'skipped'; why?: VerdictWhy; detail?: string }

/** The verdict of `hook` on `event` of `key` (the raw key, as filters compare it). */
export function judge(hook: JudgedHook, event: string, key: string): Verdict {
  const { id } = hook;
  if (hook.state === 'disabled') return { id, outcome: 'skipped', why: 'disabled' };
  if (!hook.events.some((e) => eventMatches(e, event))) return { id, outcome: 'skipped', why: 'event', detail: hook.events.join(', ') };
  if (!key.startsWith(hook.prefix)) return { id, outcome: 'skipped', why: 'prefix', detail: hook.prefix };
  if (!key.endsWith(hook.suffix)) return { id, outcome: 'skipped', why: 'suffix', detail: hook.suffix };
  if (hook.state === 'paused') return { id, outcome: 'held', why: 'paused' };
  if (!hook.confirmed) return { id, outcome: 'fired', why: 'unconfirmed', detail: hook.confirmError ?? 'the handshake failed' };
  return { id, outcome: 'fired' };
}

/** The key as filters see it and as records carry it, when the two differ. */
function keyShown(key: string): string {
  const encoded = encodeEventKey(key);
  return encoded === key ? JSON.stringify(key) : `${JSON.stringify(key)} (URL-encoded in events: ${JSON.stringify(encoded)})`;
}

/** A filter that matches the URL-encoded key and not the raw one: the usual cause of a silent mismatch. */
function encodedHint(kind: 'prefix' | 'suffix', value: string, key: string): string {
  const encoded = encodeEventKey(key);
  const matchesEncoded = kind === 'prefix' ? encoded.startsWith(value) : encoded.endsWith(value);
  return matchesEncoded ? `; filters compare the raw key, and this ${kind} matches only the URL-encoded one` : '';
}

/** The reason as one line after the hook's id: "fired", "fired, held: …" or "skipped: …". */
export function describeVerdict(verdict: Verdict, event: string, key: string): string {
  const detail = verdict.detail ?? '';
  switch (verdict.why) {
    case undefined: return 'fired';
    case 'unconfirmed': return `fired (unconfirmed: ${detail}; delivered anyway in record mode)`;
    case 'paused': return 'fired, held: the hook is paused (delivered when it is resumed)';
    case 'disabled': return 'skipped: the hook is disabled (its receiver answered 410 Gone; resume it to deliver again)';
    case 'event': return `skipped: event ${event} is not subscribed (the hook listens to ${detail})`;
    case 'prefix':
    case 'suffix':
      return `skipped: ${verdict.why} ${detail} does not match the key ${keyShown(key)}${encodedHint(verdict.why, detail, key)}`;
  }
}
