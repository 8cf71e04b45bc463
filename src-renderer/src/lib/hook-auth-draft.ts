// The hook dialog's auth draft and what it sends: nothing (keep the saved auth) until the section is changed, then the
// whole auth as typed (null when empty). Pure.
import type { HookAuth, HookAuthView } from '../../../src-shared/contract';

/** The auth section's state. */
export interface AuthDraft {
  changed: boolean;
  headers: { name: string; value: string }[];
  mode: 'none' | 'bearer' | 'basic';
  bearer: string;
  user: string;
  password: string;
}

/** A fresh draft for a hook with `saved` auth (names only: values must be typed again to change them). */
export function authDraftFor(saved: HookAuthView | null): AuthDraft {
  return {
    changed: false, headers: (saved?.headers ?? []).map((name) => ({ name, value: '' })),
    mode: saved?.bearer ? 'bearer' : saved?.basicUser ? 'basic' : 'none', bearer: '', user: saved?.basicUser ?? '', password: '',
  };
}

/** What hooks.upsert gets: undefined keeps the saved auth, null removes it. */
export function authInput(draft: AuthDraft): HookAuth | null | undefined {
  if (!draft.changed) return undefined;
  const headers = draft.headers.filter((h) => h.name.trim() !== '').map((h) => ({ name: h.name.trim(), value: h.value }));
  const bearerToken = draft.mode === 'bearer' && draft.bearer !== '' ? draft.bearer : null;
  const basic = draft.mode === 'basic' && draft.user !== '' ? { user: draft.user, password: draft.password } : null;
  return headers.length || bearerToken || basic ? { headers, bearerToken, basic } : null;
}
