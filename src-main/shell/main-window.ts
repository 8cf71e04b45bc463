// Creates the one main window and locks it down: blocked navigation, no new windows (http links go to the
// OS browser), no webviews, no permissions, the CSP on dev-server responses too (Electron glue).
import { BrowserWindow, session, shell } from 'electron';
import type { Logger } from '../core/kernel/logger';
import { buildCsp, buildWindowOptions, type CspOptions } from './window-options';
import { decideNavigation, decideWindowOpen } from './navigation-policy';

export interface MainWindowOptions {
  preloadPath: string;
  /** URL the window loads: app://bucket-hooks/index.html, or the Vite dev server. */
  url: string;
  appOrigin: string;
  /** The Vite dev server origin in `npm run dev`. */
  devServer?: string;
  /** The local S3 endpoint (presigned downloads are saved, not navigated to). */
  s3Endpoint: string;
  logger: Logger;
}

/** Apply the session-wide rules once: CSP header on every response, every permission request denied. */
export function hardenSession(csp: CspOptions): void {
  const policy = buildCsp(csp);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}

/** Open the main window at `options.url`. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow(buildWindowOptions(options.preloadPath));
  const contents = win.webContents;
  const openOutside = (url: string) => {
    void shell.openExternal(url).catch((err: unknown) => options.logger.warn('openExternal failed', { url, error: String(err) }));
  };
  contents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url, options.appOrigin, options.s3Endpoint);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'download') contents.downloadURL(url);
    if (decision === 'open-external') openOutside(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (decideNavigation(url, options.appOrigin) !== 'allow') event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url, options.s3Endpoint);
    if (decision === 'download') contents.downloadURL(url);
    if (decision === 'open-external') openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.url).catch((err: unknown) => options.logger.error('window failed to load', { url: options.url, error: String(err) }));
  return win;
}
