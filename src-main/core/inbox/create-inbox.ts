// STUB (to be replaced by the delivery owner): the built-in inbox receiver at /_inbox/<name>.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/open';
import type { Clock } from '../clock';
import type { Logger } from '../logger';

export interface InboxDeps { db: Db; clock: Clock; logger: Logger }

export interface Inbox { handle(req: IncomingMessage, res: ServerResponse): void }

export function createInbox(_deps: InboxDeps): Inbox {
  return { handle: (_req, res) => { res.statusCode = 501; res.end(); } };
}
