// Which objects a backfill reads: the listing prefix that both the caller's prefix and the hook's filter prefix
// allow, and the bucket's current objects under it, page by page. Storage reads only.
import type { Storage } from '../storage/create-storage';
import type { ExistingObject } from '../notifications/backfill-records';

/** The prefix every key must start with to satisfy both prefixes, or null when none can. */
export function scanPrefix(userPrefix: string, hookPrefix: string): string | null {
  if (userPrefix.startsWith(hookPrefix)) return userPrefix;
  if (hookPrefix.startsWith(userPrefix)) return hookPrefix;
  return null;
}

/** The bucket's current objects under `prefix`, in key order, `size` at a time. */
export function* keysUnder(storage: Pick<Storage, 'listObjects'>, bucket: string, prefix: string, size: number): Generator<ExistingObject[]> {
  for (let page = storage.listObjects({ bucket, prefix, maxKeys: size }); ; page = storage.listObjects({ bucket, prefix, maxKeys: size, seek: page.next })) {
    yield page.items.map((o) => ({ key: o.key, size: o.size, etag: o.etag, versionId: o.versionId, sequencer: o.sequencer, lastModified: o.lastModified }));
    if (!page.truncated || !page.next) return;
  }
}
