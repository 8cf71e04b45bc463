// A small recorded fake of Electron's main-process API, resolved in place of `electron` by register.mjs.
// It records every call, lets the driver (desktop-driver.ts) call what the app registered, and throws on any
// member it does not fake. The app becomes ready right after the main script has run, as in Electron.
import { calls, onRequest } from './control.mjs';
import { appEvents, becomeReady, isReady } from './lifecycle.mjs';
import { app } from './app.mjs';
import { BrowserWindow, describeWindows } from './windows.mjs';
import { ipcMain, describeIpc } from './ipc.mjs';
import { protocol, describeProtocol } from './protocol.mjs';
import { session } from './session.mjs';
import { Menu, shell, dialog, clipboard, nativeTheme, safeStorage } from './desktop-bits.mjs';

onRequest('snapshot', () => ({
  ready: isReady(), calls, windows: describeWindows(), ipc: describeIpc(), protocol: describeProtocol(),
  userData: app.getPath('userData'),
}));
onRequest('quit', () => app.quit());
onRequest('close-window', () => BrowserWindow.getAllWindows()[0]?.close());
// What Electron emits in the first instance when the app is started again.
onRequest('second-instance', (argv = []) => { appEvents.emit('second-instance', {}, argv, process.cwd(), {}); });

becomeReady();

export { app, BrowserWindow, ipcMain, protocol, session, Menu, shell, dialog, clipboard, nativeTheme, safeStorage };
export default { app, BrowserWindow, ipcMain, protocol, session, Menu, shell, dialog, clipboard, nativeTheme, safeStorage };
