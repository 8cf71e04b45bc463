// The fake ipcMain: handlers by channel (a second handler for a channel throws, as in Electron) and the
// driver's `invoke` request, which calls a handler as a renderer would — from the main frame of a window,
// from a subframe, or from a foreign webContents — and fails like Electron when no handler is registered.
import { EventEmitter } from 'node:events';
import { onRequest, record, strict } from './control.mjs';
import { openWindows } from './lifecycle.mjs';
import { WebContents } from './windows.mjs';

const handlers = new Map();
const emitter = new EventEmitter();

export const ipcMain = strict('ipcMain', Object.assign(emitter, {
  handle(channel, listener) {
    record('ipcMain.handle', channel);
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, listener);
  },
  handleOnce(channel, listener) {
    record('ipcMain.handleOnce', channel);
    handlers.set(channel, (...args) => { handlers.delete(channel); return listener(...args); });
  },
  removeHandler(channel) { record('ipcMain.removeHandler', channel); handlers.delete(channel); },
}));

/** The channels with a handler, and the channels with `ipcMain.on` listeners. */
export function describeIpc() {
  return { handlers: [...handlers.keys()], listeners: emitter.eventNames().map(String) };
}

let foreign;

/**
 * The IpcMainInvokeEvent of a call. `from.foreign`: a webContents that is not one of the app's windows;
 * `from.subframe`: an iframe inside the window; `from.frameUrl`: the calling frame's URL (default: the page's).
 */
function invokeEvent(from = {}) {
  const win = [...openWindows()][0];
  if (!from.foreign && !win) throw new Error('fake electron: no window to invoke from');
  foreign ??= new WebContents(undefined);
  const sender = from.foreign ? foreign : win.webContents;
  const top = { url: sender.getURL(), parent: null, frameTreeNodeId: 1 };
  top.top = top;
  const frame = from.subframe
    ? { url: from.frameUrl ?? 'about:blank', parent: top, top, frameTreeNodeId: 2 }
    : from.frameUrl ? { ...top, url: from.frameUrl } : top;
  return { sender, senderFrame: frame, processId: 1, frameId: frame.frameTreeNodeId, preventDefault() {} };
}

onRequest('invoke', async (channel, args, from) => {
  const handler = handlers.get(channel);
  if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
  try {
    return await handler(invokeEvent(from), ...args);
  } catch (err) {
    throw new Error(`Error invoking remote method '${channel}': ${err}`);
  }
});
