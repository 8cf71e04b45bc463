// The desktop app's lifecycle (Electron glue): one instance, the core in this main process, the window,
// IPC, the menu, and a clean quit that drains deliveries and closes SQLite before the process exits.
// Why the main process and not a utility process: the renderer paints in its own process, so S3 load here
// does not stall the window; a utility process would add a second IPC hop and a second owner of the
// SQLite file for no measured gain (not measurable here: no Electron binary on this machine).
import { join } from 'node:path';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, safeStorage, shell } from 'electron';
import type { Core } from '../core/create-core';
import { createLogger } from '../core/kernel/logger';
import { VERSION } from '../core/kernel/version';
import { resolveDesktopOptions } from './desktop-options';
import { startDesktopCore } from './desktop-core';
import { desktopSecretStore } from './safe-storage-secrets';
import { forwardApiEvents, registerIpcApi } from './ipc-api';
import { createSenderCheck } from './sender-check';
import { buildMenuTemplate } from './menu-template';
import { createMainWindow, hardenSession } from './main-window';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { APP_ORIGIN } from './renderer-files';
import { originOf } from './navigation-policy';

/** Where electron-vite put the built parts, relative to the main bundle's folder. */
export interface BuiltPaths { preload: string; rendererDir: string }

/** Run the desktop app; `outDir` is the folder of the built main bundle (out/main). */
export function runDesktopApp(outDir: string): void {
  const paths: BuiltPaths = { preload: join(outDir, '../preload/index.cjs'), rendererDir: join(outDir, '../renderer') };
  const logger = createLogger((process.env.BUCKETHOOKS_LOG_LEVEL as 'info' | undefined) ?? 'info').child('shell');
  app.setName('BucketHooks');
  app.setPath('userData', join(app.getPath('appData'), 'BucketHooks'));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  const devServer = process.env.ELECTRON_RENDERER_URL;
  const appOrigin = (devServer && originOf(devServer)) || APP_ORIGIN;
  let core: Core | undefined;
  let win: BrowserWindow | undefined;
  let closed = false;

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  const openWindow = (c: Core) => {
    win = createMainWindow({
      preloadPath: paths.preload, appOrigin, devServer, logger, s3Endpoint: c.endpoint,
      url: devServer ?? `${APP_ORIGIN}/index.html`,
    });
    const stopEvents = forwardApiEvents(c.api, (channel, payload) => {
      if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
    });
    win.on('closed', () => { stopEvents(); win = undefined; });
  };

  void app.whenReady().then(async () => {
    try {
      const options = resolveDesktopOptions(process.argv, process.env, app.getPath('userData'));
      core = await startDesktopCore(options, logger, desktopSecretStore(safeStorage, logger));
    } catch (err) {
      dialog.showErrorBox('BucketHooks could not start', (err as Error).message);
      app.exit(1);
      return;
    }
    const c = core;
    logger.info('core started', { endpoint: c.endpoint, dataDir: c.config.dataDir });
    const csp = { devServer, s3Endpoint: c.endpoint };
    hardenSession(csp);
    if (!devServer) handleAppProtocol(paths.rendererDir, csp);
    registerIpcApi(ipcMain, {
      api: c.api, logger: logger.child('ipc'),
      isTrusted: createSenderCheck({ mainWebContentsId: () => win?.webContents.id, appOrigin }),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({
      showAbout: () => void dialog.showMessageBox({
        type: 'info', title: 'About BucketHooks', message: `BucketHooks ${VERSION}`,
        detail: `S3 endpoint: ${c.endpoint}\nData folder: ${c.config.dataDir}\nElectron ${process.versions.electron}, Node ${process.versions.node}`,
      }),
      openDataFolder: () => void shell.openPath(c.config.dataDir),
      copyEndpoint: () => clipboard.writeText(c.endpoint),
    }, { isMac: process.platform === 'darwin', dev: Boolean(devServer) })));
    openWindow(c);
    app.on('activate', () => { if (!win) openWindow(c); });
  });

  app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit(); });
  app.on('before-quit', (event) => {
    if (closed || !core) return;
    event.preventDefault();
    const closing = core;
    core = undefined;
    void closing.close()
      .catch((err: unknown) => logger.error('core close failed', { error: String(err) }))
      .finally(() => { closed = true; app.quit(); });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
}
