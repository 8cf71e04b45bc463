// Dependencies of the object/bucket operations (kept apart so operation files and index.ts share them without a cycle).
import type { Storage } from '../../storage/create-storage';
import type { CoreConfig } from '../../kernel/config';
import type { Clock } from '../../kernel/clock';

export interface ObjectOperationDeps { storage: Storage; config: CoreConfig; clock: Clock }
