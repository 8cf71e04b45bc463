// STUB (to be replaced by the UI owner): POST /_api/<method> and GET /_events (SSE), token + Origin checked.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppApi } from '../../../src-preload/contract';
import type { Logger } from '../logger';

export function createApiHttpHandler(_deps: { api: AppApi; token: string; logger: Logger }) {
  return (_req: IncomingMessage, res: ServerResponse) => { res.statusCode = 501; res.end(); };
}
