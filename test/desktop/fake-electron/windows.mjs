// The fake BrowserWindow and its webContents: options and loaded URL recorded, `send` pushed to the driver,
// close/destroy with Electron's events (window-all-closed unless quitting). webContents ids differ from
// window ids, as in Electron, so code that mixes them up is caught.
import { EventEmitter } from 'node:events';
import { onRequest, plain, push, record, strict } from './control.mjs';
import { appEvents, isQuitting, openWindows, preventable } from './lifecycle.mjs';

let nextWindowId = 1;
let nextContentsId = 101;

/** A webContents; `foreign` ones belong to no window (another renderer calling the API). */
export class WebContents extends EventEmitter {
  constructor(owner) {
    super();
    this.id = nextContentsId++;
    this.owner = owner;
    this.url = '';
    this.destroyed = false;
    this.windowOpenHandler = undefined;
    return strict('webContents', this);
  }
  getURL() { return this.url; }
  isDestroyed() { return this.destroyed; }
  send(channel, ...args) {
    record('webContents.send', channel, ...args);
    push('send', { webContentsId: this.id, channel, args: plain(args) });
  }
  setWindowOpenHandler(handler) { record('webContents.setWindowOpenHandler'); this.windowOpenHandler = handler; }
  downloadURL(url) { record('webContents.downloadURL', url); }
  openDevTools() { record('webContents.openDevTools'); }
}

/** A window: its options and URL are recorded; ready-to-show follows loadURL, as in Electron. */
export class BrowserWindow extends EventEmitter {
  static getAllWindows() { return [...openWindows()]; }
  static getFocusedWindow() { return [...openWindows()][0] ?? null; }
  static fromWebContents(contents) { return [...openWindows()].find((w) => w.webContents === contents) ?? null; }

  constructor(options = {}) {
    super();
    record('BrowserWindow.new', options);
    this.id = nextWindowId++;
    this.options = options;
    this.destroyed = false;
    this.visible = false;
    this.minimized = false;
    this.webContents = new WebContents(this);
    openWindows().add(this);
    push('window', { event: 'created', id: this.id, webContentsId: this.webContents.id, options: plain(options) });
    return strict('BrowserWindow', this);
  }
  loadURL(url) {
    record('BrowserWindow.loadURL', url);
    this.webContents.url = url;
    setImmediate(() => {
      if (this.destroyed) return;
      this.webContents.emit('did-finish-load');
      this.emit('ready-to-show');
    });
    return Promise.resolve();
  }
  show() { record('BrowserWindow.show'); this.visible = true; }
  focus() { record('BrowserWindow.focus'); }
  restore() { record('BrowserWindow.restore'); this.minimized = false; }
  isMinimized() { return this.minimized; }
  isVisible() { return this.visible; }
  isDestroyed() { return this.destroyed; }
  /** The user closes the window: `close` (preventable), then destroyed. */
  close() {
    record('BrowserWindow.close');
    const event = preventable();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    openWindows().delete(this);
    this.emit('closed');
    push('window', { event: 'closed', id: this.id });
    if (openWindows().size === 0 && !isQuitting()) appEvents.emit('window-all-closed');
  }
}

/** The main window's webContents, for the driver's navigation requests. */
function mainContents() {
  const win = [...openWindows()][0];
  if (!win) throw new Error('fake electron: no window');
  return win.webContents;
}

// The page tries to navigate (a link, location.href): will-navigate runs and may prevent it.
onRequest('navigate', (url) => {
  const event = preventable();
  mainContents().emit('will-navigate', event, url);
  return { prevented: event.defaultPrevented };
});
// The page calls window.open / follows a target=_blank link: the window-open handler decides.
onRequest('window-open', (url) => {
  const handler = mainContents().windowOpenHandler;
  if (!handler) throw new Error('fake electron: no window open handler');
  return plain(handler({ url, frameName: '', features: '', disposition: 'foreground-tab', referrer: { url: '', policy: 'default' } }));
});

/** What a driver snapshot shows of each window. */
export function describeWindows() {
  return [...openWindows()].map((w) => ({
    id: w.id, webContentsId: w.webContents.id, options: plain(w.options), url: w.webContents.url, visible: w.visible,
  }));
}
