// buckets.* of the app API, served through the S3 client of the call's profile (the bucket browser eats its own
// endpoint, and works the same on a remote one).
import {
  CreateBucketCommand, DeleteBucketCommand, ListBucketsCommand, ListObjectsV2Command, type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import type { AppApiMethods } from '../../../src-shared/contract';
import { asInput, str } from './validate';
import type { S3Access, S3Resolver } from './profile-target';

/** Objects counted for bucket stats before the count is reported as truncated. */
export const STATS_LIMIT = 10_000;

type BucketMethods = Pick<AppApiMethods, 'buckets.list' | 'buckets.create' | 'buckets.delete' | 'buckets.stats'>;

/**
 * CreateBucket's location: AWS refuses a bucket outside us-east-1 without one.
 * compat: other services (VK, MinIO, Ceph) get none and use their own default.
 */
function locationOf(at: S3Access, region: string | undefined): { LocationConstraint: BucketLocationConstraint } | undefined {
  if (!at.remote || !region || region === 'us-east-1' || !/\.amazonaws\.com$/.test(at.host)) return undefined;
  return { LocationConstraint: region as BucketLocationConstraint };
}

/** The buckets.* methods over the S3 client `resolve` picks for each call's profile. */
export function createBucketsApi(resolve: S3Resolver): BucketMethods {
  return {
    async 'buckets.list'(raw) {
      const { s3, call } = resolve(asInput(raw));
      const out = await call(() => s3.send(new ListBucketsCommand({})));
      return (out.Buckets ?? []).map((b) => ({ name: b.Name ?? '', createdAt: b.CreationDate?.toISOString() ?? null }));
    },
    async 'buckets.create'(raw) {
      const input = asInput(raw);
      const name = str(input, 'name', 63, 3);
      const at = resolve(input);
      const location = locationOf(at, await at.s3.config.region());
      await at.call(() => at.s3.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: location })));
      return { name, createdAt: new Date().toISOString() };
    },
    async 'buckets.delete'(raw) {
      const input = asInput(raw);
      const name = str(input, 'name', 63);
      const { s3, call } = resolve(input);
      await call(() => s3.send(new DeleteBucketCommand({ Bucket: name })));
      return {};
    },
    async 'buckets.stats'(raw) {
      const input = asInput(raw);
      const name = str(input, 'name', 63);
      const { s3, call } = resolve(input);
      let objectCount = 0;
      let totalSize = 0;
      let token: string | undefined;
      do {
        const page = await call(() => s3.send(new ListObjectsV2Command({ Bucket: name, ContinuationToken: token, MaxKeys: 1000 })));
        for (const o of page.Contents ?? []) { objectCount++; totalSize += o.Size ?? 0; }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token && objectCount < STATS_LIMIT);
      return { name, objectCount, totalSize, truncated: token !== undefined };
    },
  };
}
