// The fake `app`: names and paths (appData is the driver's temp folder), the single-instance lock, ready,
// and the quit sequence from lifecycle.mjs. Every call is recorded.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { record, strict } from './control.mjs';
import { appEvents, exitNow, isReady, quitApp, readyPromise } from './lifecycle.mjs';

const paths = new Map();
let name = 'Electron';

/** Default paths under FAKE_ELECTRON_APP_DATA (set by the driver), else a folder under the OS temp dir. */
function defaultPath(key) {
  const appData = process.env.FAKE_ELECTRON_APP_DATA ?? join(tmpdir(), 'fake-electron-app-data');
  const known = { appData, userData: join(appData, name), temp: tmpdir(), home: join(appData, 'home'),
    logs: join(appData, name, 'logs'), sessionData: join(appData, name), downloads: join(appData, 'Downloads') };
  if (!(key in known)) throw new Error(`fake electron: app.getPath("${key}") is not faked`);
  return known[key];
}

const on = (method) => (event, listener) => {
  record(`app.${method}`, event);
  appEvents[method](event, listener);
  return app;
};

export const app = strict('app', {
  isPackaged: false,
  get name() { return name; },
  on: on('on'),
  once: on('once'),
  off: on('off'),
  removeListener: on('removeListener'),
  setName(value) { record('app.setName', value); name = value; },
  getName() { return name; },
  getVersion() { return '0.0.0-fake'; },
  getAppPath() { return process.cwd(); },
  getPath(key) { return paths.get(key) ?? defaultPath(key); },
  setPath(key, value) { record('app.setPath', key, value); paths.set(key, value); },
  requestSingleInstanceLock() { record('app.requestSingleInstanceLock'); return true; },
  releaseSingleInstanceLock() { record('app.releaseSingleInstanceLock'); },
  isReady,
  whenReady() { return readyPromise; },
  quit: quitApp,
  exit: exitNow,
  focus() { record('app.focus'); },
  setAppUserModelId(id) { record('app.setAppUserModelId', id); },
});
