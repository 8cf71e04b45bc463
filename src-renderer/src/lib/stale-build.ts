// A page left open across a rebuild of the UI: its lazy screens name chunks the new build no longer has (404). The
// router's error for such a chunk reloads the page at the route that was asked for, so the new build opens it —
// at most once per route in ten seconds, so a server that really lost its files shows the error instead of looping.

const KEY = 'buckethooks.staleReload';
const WINDOW_MS = 10_000;

/** True for the error a dynamic import gives when its chunk is gone (the wording differs by browser). */
export function isStaleChunkError(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(message);
}

/** The parts of `window` a reload needs (a stand-in in tests). */
export interface ReloadTarget { location: { hash: string; reload(): void }; sessionStorage: Pick<Storage, 'getItem' | 'setItem'> }

/** Reload at hash route `path` unless that was just tried; true when a reload was started. */
export function reloadAt(path: string, now: number, target: ReloadTarget = window): boolean {
  let last: { path?: string; at?: number } = {};
  try { last = JSON.parse(target.sessionStorage.getItem(KEY) ?? '{}') as typeof last; } catch { /* a bad entry is no entry */ }
  if (last.path === path && typeof last.at === 'number' && now - last.at < WINDOW_MS) return false;
  try { target.sessionStorage.setItem(KEY, JSON.stringify({ path, at: now })); } catch { /* private mode: reload anyway */ }
  target.location.hash = path;
  target.location.reload();
  return true;
}
