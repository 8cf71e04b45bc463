// App lifecycle shared by the fake's parts: the app's event emitter, readiness and the quit sequence, in
// Electron's order (before-quit → windows closed → will-quit → quit → process exit).
import { EventEmitter } from 'node:events';
import { push, record } from './control.mjs';

/** The `app` object's events. */
export const appEvents = new EventEmitter();
const state = { ready: false, quitting: false };
const windows = new Set();
let resolveReady;
/** Resolves once `ready` has been emitted. */
export const readyPromise = new Promise((resolve) => { resolveReady = resolve; });

/** True once the app is ready. */
export function isReady() {
  return state.ready;
}

/** True while the app quits (windows closing on quit emit no window-all-closed). */
export function isQuitting() {
  return state.quitting;
}

/** Open windows, registered by the BrowserWindow fake. */
export function openWindows() {
  return windows;
}

/** A preventable Electron event object. */
export function preventable() {
  return { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
}

/** Emit `ready` once the main script has run, as Electron does. */
export function becomeReady() {
  setImmediate(() => {
    state.ready = true;
    appEvents.emit('ready', {}, {});
    resolveReady();
    push('app', { event: 'ready' });
  });
}

/** Exit the process at once (app.exit), like Electron: no quit events. */
export function exitNow(code = 0) {
  record('app.exit', code);
  process.exit(code);
}

/** app.quit(): before-quit (preventable), close every window, will-quit (preventable), quit, exit 0. */
export function quitApp() {
  record('app.quit');
  const before = preventable();
  appEvents.emit('before-quit', before);
  push('app', { event: 'before-quit', prevented: before.defaultPrevented });
  if (before.defaultPrevented) return;
  state.quitting = true;
  for (const win of [...windows]) win.destroy();
  const will = preventable();
  appEvents.emit('will-quit', will);
  push('app', { event: 'will-quit', prevented: will.defaultPrevented });
  if (will.defaultPrevented) {
    state.quitting = false;
    return;
  }
  appEvents.emit('quit', {}, 0);
  process.exit(0);
}
