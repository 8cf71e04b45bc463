// Serves the built renderer from app://bucket-hooks/ with our CSP on every response (Electron glue).
// A privileged standard scheme gives the window a real origin for the IPC sender check, unlike file://.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, contentTypeOf, resolveRendererFile } from './renderer-files';
import { buildCsp, type CspOptions } from './window-options';

/** Declare the scheme; must run before the app's `ready` event. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Answer app:// requests from `rendererDir` with the CSP of `cspOptions`; anything outside it is a 404. */
export function handleAppProtocol(rendererDir: string, cspOptions: CspOptions): void {
  const csp = buildCsp(cspOptions);
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveRendererFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { 'content-type': contentTypeOf(file), 'content-security-policy': csp, 'x-content-type-options': 'nosniff' },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
