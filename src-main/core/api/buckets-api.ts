// buckets.* of the app API, served through the S3 client (the bucket browser eats its own endpoint).
import {
  CreateBucketCommand, DeleteBucketCommand, ListBucketsCommand, ListObjectsV2Command, type S3Client,
} from '@aws-sdk/client-s3';
import type { AppApiMethods } from '../../../src-preload/contract';
import { asInput, str } from './validate';
import { s3Call } from './s3-client';

/** Objects counted for bucket stats before the count is reported as truncated. */
export const STATS_LIMIT = 10_000;

type BucketMethods = Pick<AppApiMethods, 'buckets.list' | 'buckets.create' | 'buckets.delete' | 'buckets.stats'>;

/** The buckets.* methods over `s3`. */
export function createBucketsApi(s3: S3Client): BucketMethods {
  return {
    async 'buckets.list'() {
      const out = await s3Call(() => s3.send(new ListBucketsCommand({})));
      return (out.Buckets ?? []).map((b) => ({ name: b.Name ?? '', createdAt: b.CreationDate?.toISOString() ?? null }));
    },
    async 'buckets.create'(raw) {
      const name = str(asInput(raw), 'name', 63, 3);
      await s3Call(() => s3.send(new CreateBucketCommand({ Bucket: name })));
      return { name, createdAt: new Date().toISOString() };
    },
    async 'buckets.delete'(raw) {
      const name = str(asInput(raw), 'name', 63);
      await s3Call(() => s3.send(new DeleteBucketCommand({ Bucket: name })));
      return {};
    },
    async 'buckets.stats'(raw) {
      const name = str(asInput(raw), 'name', 63);
      let objectCount = 0;
      let totalSize = 0;
      let token: string | undefined;
      do {
        const page = await s3Call(() => s3.send(new ListObjectsV2Command({ Bucket: name, ContinuationToken: token, MaxKeys: 1000 })));
        for (const o of page.Contents ?? []) { objectCount++; totalSize += o.Size ?? 0; }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token && objectCount < STATS_LIMIT);
      return { name, objectCount, totalSize, truncated: token !== undefined };
    },
  };
}
