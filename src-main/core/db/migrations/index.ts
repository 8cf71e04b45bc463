// The ordered list of schema migrations. Append only: never edit or reorder a released migration.
import { storageSchema } from './001-storage';
import { hooksSchema } from './002-hooks';
import { deliverySchema } from './003-delivery';
import { inboxSchema } from './004-inbox';
import { settingsSchema } from './005-settings';

export const MIGRATIONS: readonly string[] = [storageSchema, hooksSchema, deliverySchema, inboxSchema, settingsSchema];
