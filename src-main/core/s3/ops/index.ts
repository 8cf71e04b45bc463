// STUB (to be replaced by the storage/operations owner): the object/bucket operation table.
import type { OperationTable } from '../types';
import type { Storage } from '../../storage/create-storage';
import type { CoreConfig } from '../../config';
import type { Clock } from '../../clock';

export interface ObjectOperationDeps { storage: Storage; config: CoreConfig; clock: Clock }

export function createObjectOperations(_deps: ObjectOperationDeps): OperationTable {
  return {};
}
