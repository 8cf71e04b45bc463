// Maps app:// URLs to files of the built renderer, never outside its folder; unknown routes get index.html.
// Pure (node:path only) so the traversal guard is unit-tested.
import { extname, join, normalize, sep } from 'node:path';

/** The privileged scheme and host the renderer is served from in a packaged or built app. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bucket-hooks';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json',
};

/** Content-Type for a served file. */
export function contentTypeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `rootDir` that `url` names, or undefined when the URL is not ours or leaves the folder.
 * Paths without an extension get index.html; a leading /_ui/ (the headless build's base) is dropped.
 */
export function resolveRendererFile(rootDir: string, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  // The headless build of the same renderer (vite.renderer.config.ts) uses the base /_ui/: serve it too.
  if (path === '/_ui' || path.startsWith('/_ui/')) path = path.slice(4) || '/';
  if (path === '/' || extname(path) === '') path = '/index.html';
  const root = normalize(rootDir);
  const file = normalize(join(root, path));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : undefined;
}
