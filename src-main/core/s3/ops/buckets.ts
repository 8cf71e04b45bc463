// Bucket operations: ListBuckets, CreateBucket, DeleteBucket, HeadBucket, GetBucketLocation.
import type { OperationTable } from '../types';
import { isoTime, readBodyText, xmlResponse } from '../xml';
import { bucketOf, owner } from './common';
import type { ObjectOperationDeps } from './deps';

/** Bucket-level operations. */
export function bucketOperations(deps: ObjectOperationDeps): OperationTable {
  const { storage } = deps;
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html */
    async ListBuckets() {
      return xmlResponse('ListAllMyBucketsResult', {
        Owner: owner(deps),
        Buckets: { Bucket: storage.listBuckets().map((b) => ({ Name: b.name, CreationDate: isoTime(b.createdAt), BucketRegion: deps.config.region })) },
      });
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html */
    async CreateBucket(req) {
      const name = bucketOf(req);
      await readBodyText(req.body, undefined, req.contentLength); // CreateBucketConfiguration (LocationConstraint) is accepted and ignored
      storage.createBucket(name);
      return { status: 200, headers: { location: `/${name}` } };
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html */
    async DeleteBucket(req) {
      storage.deleteBucket(bucketOf(req));
      return { status: 204 };
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html */
    async HeadBucket(req) {
      storage.requireBucket(bucketOf(req));
      return { status: 200, headers: { 'x-amz-bucket-region': deps.config.region } };
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html */
    async GetBucketLocation(req) {
      storage.requireBucket(bucketOf(req));
      return xmlResponse('LocationConstraint', { '#text': deps.config.region });
    },
  };
}
