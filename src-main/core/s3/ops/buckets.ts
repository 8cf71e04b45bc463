// Bucket operations: ListBuckets (max-buckets / continuation-token / prefix paging), CreateBucket, DeleteBucket, HeadBucket, GetBucketLocation.
import type { OperationTable } from '../types';
import { isoTime, readBodyText, xmlResponse } from '../xml';
import { bucketOf, intParam, owner } from './common';
import type { ObjectOperationDeps } from './deps';

/** Bucket-level operations. */
export function bucketOperations(deps: ObjectOperationDeps): OperationTable {
  const { storage } = deps;
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html */
    async ListBuckets(req) {
      const prefix = req.query.get('prefix') ?? '';
      const token = req.query.get('continuation-token');
      const after = token ? Buffer.from(token, 'base64url').toString('utf8') : '';
      const maxBuckets = intParam(req.query, 'max-buckets', 10000, 1, 10000);
      const matching = storage.listBuckets().filter((b) => b.name.startsWith(prefix) && b.name > after);
      const page = matching.slice(0, maxBuckets);
      const last = page[page.length - 1];
      return xmlResponse('ListAllMyBucketsResult', {
        Owner: owner(deps),
        Buckets: { Bucket: page.map((b) => ({ Name: b.name, CreationDate: isoTime(b.createdAt), BucketRegion: deps.config.region })) },
        ContinuationToken: matching.length > page.length && last ? Buffer.from(last.name, 'utf8').toString('base64url') : undefined,
        Prefix: req.query.has('prefix') ? prefix : undefined,
      });
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html */
    async CreateBucket(req) {
      const name = bucketOf(req);
      await readBodyText(req.body, undefined, req.contentLength); // CreateBucketConfiguration (LocationConstraint) is accepted and ignored
      // compat: signed for us-east-1, re-creating a bucket you own answers 200 (AWS's legacy answer there, not VK's);
      // every other region gets 409 BucketAlreadyOwnedByYou.
      if (!(req.signingRegion === 'us-east-1' && storage.bucketExists(name))) storage.createBucket(name);
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
