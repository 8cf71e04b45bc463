// The ordered list of schema migrations. Append only: never reorder them, and edit a released one only to move
// something out that a later migration re-creates for old and new databases alike (as 006 does for 003's hooks_version).
import { storageSchema } from './001-storage';
import { hooksSchema } from './002-hooks';
import { deliverySchema } from './003-delivery';
import { inboxSchema } from './004-inbox';
import { settingsSchema } from './005-settings';
import { hooksVersionSchema } from './006-hooks-version';
import { bucketCorsSchema } from './007-bucket-cors';
import { inlineBodiesSchema } from './008-inline-bodies';
import { multipartCompletionSchema } from './009-multipart-completion';
import { matchTracesSchema } from './010-match-traces';
import { hookRealismSchema } from './011-hook-realism';
import { deliveryEffectsSchema } from './012-delivery-effects';
import { deliveryOriginSchema } from './013-delivery-origin';
import { deliveryForwardedSchema } from './014-delivery-forwarded';
import { hookFlavourAuthSchema } from './015-hook-flavour-auth';
import { hookHealthSchema } from './016-hook-health';
import { deliveryLinesSchema } from './017-delivery-lines';
import { compactTracesSchema } from './018-compact-traces';

export const MIGRATIONS: readonly string[] = [
  storageSchema, hooksSchema, deliverySchema, inboxSchema, settingsSchema, hooksVersionSchema, bucketCorsSchema,
  inlineBodiesSchema, multipartCompletionSchema, matchTracesSchema, hookRealismSchema, deliveryEffectsSchema,
  deliveryOriginSchema, deliveryForwardedSchema, hookFlavourAuthSchema, hookHealthSchema,
  deliveryLinesSchema, compactTracesSchema,
];
