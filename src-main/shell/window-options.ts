// The main window's options and the renderer's Content-Security-Policy: the security settings live here,
// in one pure function each, so a test can check them without Electron (types only are imported).
import type { BrowserWindowConstructorOptions } from 'electron';

/** Options of the one main window: isolated, sandboxed renderer with no Node access. */
export function buildWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    title: 'BucketHooks',
    show: false,
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click (auxclick) on a link would otherwise ask for a new window before the open handler decides.
      disableBlinkFeatures: 'Auxclick',
    },
  };
}

/** What the CSP lets the renderer reach besides its own origin. */
export interface CspOptions {
  /** The Vite dev server origin in `npm run dev` (scripts and its HMR websocket). */
  devServer?: string;
  /** The local S3 endpoint: the renderer uploads and downloads through presigned URLs to it. */
  s3Endpoint?: string;
}

/**
 * The renderer's CSP. Scripts only from our own origin; styles allow inline because the component library
 * injects its CSS at run time; connections to our origin and the local S3 endpoint only.
 */
export function buildCsp(options: CspOptions = {}): string {
  const { devServer, s3Endpoint } = options;
  const connect = [devServer, devServer?.replace(/^http/, 'ws'), s3Endpoint].filter(Boolean).join(' ');
  return [
    "default-src 'self'",
    `script-src 'self'${devServer ? ` ${devServer}` : ''}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${s3Endpoint ? ` ${s3Endpoint}` : ''}`,
    "font-src 'self' data:",
    `connect-src 'self'${connect ? ` ${connect}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
