// The acknowledgement rule of the S3 endpoint: an operation that may change something (every method but GET
// and HEAD) answers only after the commits it made are on stable storage. One wrapper, so no operation can forget.
import type { OperationTable, S3Operation } from './types';

/** `operations` with each change waiting on `durable()` (the database's WAL sync) before its response. */
export function durableOperations(operations: OperationTable, durable: () => Promise<void>): OperationTable {
  const wrap = (op: S3Operation): S3Operation => (req) => {
    if (req.method === 'GET' || req.method === 'HEAD') return op(req);
    return op(req).then(async (out) => {
      await durable();
      return out;
    });
  };
  return Object.fromEntries(Object.entries(operations).map(([name, op]) => [name, wrap(op)]));
}
