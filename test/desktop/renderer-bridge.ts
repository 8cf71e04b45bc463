// Puts the built renderer in Chromium the way the desktop app shows it, with no Electron: pages come from the
// app's own app:// handler (through a loopback HTTP front), window.bucketHooks is the built preload run in
// the page over a fake ipcRenderer whose invoke reaches the app's ipcMain handlers (a Playwright binding),
// and what the app sends to its window is emitted to the preload's listeners.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { PRELOAD_BUNDLE, type Caller, type DesktopApp } from './desktop-driver';

const APP_ORIGIN = 'app://bucket-hooks';

export interface AppFront { origin: string; requests: string[]; close(): Promise<void> }

/** Serve GET/HEAD requests from the app's app:// protocol handler on 127.0.0.1:0; other methods get 405. */
export async function serveAppProtocol(app: DesktopApp): Promise<AppFront> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    app.fetchApp(APP_ORIGIN + (req.url ?? '/')).then(
      (r) => res.writeHead(r.status, r.headers).end(req.method === 'HEAD' ? undefined : Buffer.from(r.body)),
      (err: Error) => res.writeHead(502).end(err.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** The built preload wrapped for the page: its require('electron') gets a contextBridge and an ipcRenderer. */
function preloadScript(): string {
  const preload = readFileSync(PRELOAD_BUNDLE, 'utf8');
  return `(() => {
  const listeners = new Map();
  const ipcRenderer = {
    invoke: (channel, ...args) => globalThis.__fakeIpcInvoke(channel, args),
    on(channel, listener) { if (!listeners.has(channel)) listeners.set(channel, new Set()); listeners.get(channel).add(listener); return ipcRenderer; },
    removeListener(channel, listener) { listeners.get(channel)?.delete(listener); return ipcRenderer; },
  };
  const contextBridge = {
    exposeInMainWorld(key, api) { Object.defineProperty(globalThis, key, { value: Object.freeze({ ...api }), enumerable: true }); },
  };
  Object.defineProperty(globalThis, '__fakeIpcEmit', {
    value: (channel, payload) => { for (const l of listeners.get(channel) ?? []) l({ sender: ipcRenderer }, payload); },
  });
  const require = (name) => { if (name === 'electron') return { contextBridge, ipcRenderer }; throw new Error('a sandboxed preload cannot require ' + name); };
  const module = { exports: {} };
  (function (exports, require, module, __filename, __dirname) {
${preload}
  })(module.exports, require, module, 'index.cjs', '.');
})();`;
}

/** Who Electron would report as the sender of a call from `frame` (the front's origin stands for app://). */
function callerOf(frame: Frame, front: AppFront): Caller {
  const url = frame.url().startsWith(`${front.origin}/`) ? APP_ORIGIN + frame.url().slice(front.origin.length) : frame.url();
  return { frameUrl: url, subframe: frame.parentFrame() !== null };
}

/**
 * Give every page of `context` the preload bridge wired to `app`; returns the channels the pages invoked.
 * Call `forwardEvents(page)` for the page that plays the app's window.
 */
export async function installBridge(context: BrowserContext, app: DesktopApp, front: AppFront) {
  const invoked: string[] = [];
  await context.exposeBinding('__fakeIpcInvoke', (source, channel: string, args: unknown[]) => {
    invoked.push(channel);
    return app.invokeChannel(channel, args, callerOf(source.frame, front));
  });
  await context.addInitScript(preloadScript());
  const forwardEvents = (page: Page) => app.onPush((push) => {
    if (push.type !== 'send') return;
    const [payload] = push.data.args as unknown[];
    page.evaluate(([channel, p]) => (globalThis as unknown as { __fakeIpcEmit: (c: unknown, p: unknown) => void }).__fakeIpcEmit(channel, p),
      [push.data.channel, payload] as const).catch(() => {});
  });
  return { invoked, forwardEvents };
}
