// The fake protocol module: privileged schemes (only before ready, as Electron requires) and scheme handlers
// (only after ready); the driver's `fetch` request runs a handler on a Request and returns the Response.
import { onRequest, plain, record, strict } from './control.mjs';
import { isReady } from './lifecycle.mjs';

const privileged = [];
const handlers = new Map();

export const protocol = strict('protocol', {
  registerSchemesAsPrivileged(schemes) {
    record('protocol.registerSchemesAsPrivileged', schemes);
    if (isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    privileged.push(...schemes);
  },
  handle(scheme, handler) {
    record('protocol.handle', scheme);
    if (!isReady()) throw new Error('protocol.handle must be called after the app is ready');
    if (handlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
    handlers.set(scheme, handler);
  },
  unhandle(scheme) { record('protocol.unhandle', scheme); handlers.delete(scheme); },
  isProtocolHandled(scheme) { return handlers.has(scheme); },
});

/** Privileged schemes and handled schemes. */
export function describeProtocol() {
  return { privileged: plain(privileged), handled: [...handlers.keys()] };
}

onRequest('fetch', async (url) => {
  const scheme = new URL(url).protocol.slice(0, -1);
  const handler = handlers.get(scheme);
  if (!handler) throw new Error(`fake electron: no handler for ${scheme}://`);
  const response = await handler(new globalThis.Request(url));
  return { status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) };
});
