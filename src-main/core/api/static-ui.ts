// STUB (to be replaced by the UI owner): serves the built renderer under /_ui/.
import type { IncomingMessage, ServerResponse } from 'node:http';

export function createStaticUiHandler(_dir: string) {
  return (_req: IncomingMessage, res: ServerResponse) => { res.statusCode = 501; res.end(); };
}
