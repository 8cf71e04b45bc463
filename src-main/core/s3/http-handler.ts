// STUB (to be replaced by the S3 protocol owner): node:http listener for the S3 endpoint.
import type { RequestListener } from 'node:http';
import type { OperationTable } from './types';
import type { CoreConfig } from '../config';
import type { Clock } from '../clock';
import type { Logger } from '../logger';

export interface S3HandlerDeps { operations: OperationTable; config: CoreConfig; clock: Clock; logger: Logger }

export function createS3Handler(_deps: S3HandlerDeps): RequestListener {
  return (_req, res) => { res.statusCode = 501; res.end(); };
}
