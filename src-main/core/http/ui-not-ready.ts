// The page /_ui/ answers while the UI has no build yet (a fresh clone's first headless start builds it in the
// background): it says so and reloads itself; a failed build names the reason and the command that retries it.
import type { ServerResponse } from 'node:http';

/** Why the UI cannot be served yet: still `building` (the page reloads itself) or `failed` with a reason. */
export type UiNotReady = { state: 'building' } | { state: 'failed'; reason: string };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Answer 503 with a small HTML page for `notReady` (no script: a meta refresh, which the UI's CSP allows). */
export function sendUiNotReady(res: ServerResponse, notReady: UiNotReady, csp: string, head: boolean): void {
  const building = notReady.state === 'building';
  const body = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark">',
    building ? '<meta http-equiv="refresh" content="2">' : '',
    `<title>BucketHooks — ${building ? 'building the UI' : 'UI not available'}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; margin: 3rem">',
    building
      ? '<p>Building the UI (first run)… This page reloads itself every 2 seconds until the UI is ready.</p>'
      : `<p>The UI could not be built: ${escapeHtml(notReady.reason)}</p><p>Run <code>npm run build:ui</code>, then restart the server.</p>`,
    '<p>The S3 endpoint is running.</p></body></html>\n',
  ].join('');
  res.writeHead(503, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...(building ? { 'retry-after': '2' } : {}),
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(head ? undefined : body);
}
