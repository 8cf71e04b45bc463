// The contract of buckets: listing, creating, deleting and counting them, on any profile.

import type { Empty, OnProfile } from './common';

export interface BucketSummary { name: string; createdAt: string | null }
/** Object count and total size; `truncated` when counting stopped at the limit. */
export interface BucketStats { name: string; objectCount: number; totalSize: number; truncated: boolean }

/** The buckets methods of the app API. */
export interface BucketsMethods {
  'buckets.list': (input: OnProfile) => Promise<BucketSummary[]>;
  'buckets.create': (input: { name: string } & OnProfile) => Promise<BucketSummary>;
  'buckets.delete': (input: { name: string } & OnProfile) => Promise<Empty>;
  'buckets.stats': (input: { name: string } & OnProfile) => Promise<BucketStats>;
}
