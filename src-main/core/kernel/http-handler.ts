// The shape of one HTTP request handler, shared by the listeners' hosts (http/) and the protocols they mount (s3/).
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Handles one request; a rejection or throw is the host's guard's business. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
