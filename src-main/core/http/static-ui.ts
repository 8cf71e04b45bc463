// Serves the built renderer under /_ui/ (headless mode): static files, SPA fallback to index.html, a CSP.
// Never serves anything outside `dir`; holds no API logic (the page's session is an HttpOnly cookie, see ui-session).
import { createReadStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendUiNotReady, type UiNotReady } from './ui-not-ready';

/**
 * The Content-Security-Policy of the UI: only our own origin (plus the S3 listener's for presigned uploads); inline
 * styles for the component library.
 */
export function uiCsp(connectTo: string): string {
  return [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
    "font-src 'self' data:", `connect-src 'self' ${connectTo}`, "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json',
};

function fileAt(path: string): number | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Handler for /_ui and everything below it, serving files from `dir`; `connectTo` is the S3 listener's origin. While
 * `notReady` answers something (the build of `dir` is running or failed), every page is the not-ready page instead.
 */
export function createStaticUiHandler(dir: string, options: { connectTo: () => string; notReady?: () => UiNotReady | undefined }) {
  const root = resolve(dir);
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/_ui') {
      res.writeHead(301, { location: `/_ui/${url.search}` });
      res.end();
      return;
    }
    const notReady = options.notReady?.();
    if (notReady) return sendUiNotReady(res, notReady, uiCsp(options.connectTo()), req.method === 'HEAD');
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname.slice('/_ui/'.length));
    } catch {
      rel = '';
    }
    let file = normalize(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) file = join(root, 'index.html');
    let size = fileAt(file);
    // SPA fallback: unknown paths without an extension are client-side routes.
    if (size === undefined && !extname(rel)) { file = join(root, 'index.html'); size = fileAt(file); }
    if (size === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    const isIndex = file.endsWith('index.html');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': size,
      'cache-control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
      'content-security-policy': uiCsp(options.connectTo()),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    if (req.method === 'HEAD') { res.end(); return; }
    // A file that vanishes or fails mid-read cuts this response only.
    pipeline(createReadStream(file), res, () => undefined);
  };
}
