// ListObjects (v1) and ListObjectsV2 over the storage range scan: prefix, delimiter, common prefixes,
// max-keys, marker / continuation-token / start-after, encoding-type=url, fetch-owner.
import { S3Error } from '../s3-error';
import type { OperationTable, S3Request } from '../types';
import { isoTime, xmlResponse, type XmlNode } from '../xml';
import type { Seek, ListPage } from '../../storage/listing';
import type { ObjectVersion } from '../../storage/types';
import { bucketOf, intParam, owner, quote } from './common';
import type { ObjectOperationDeps } from './deps';
import { listedAlgorithm } from './object-headers';

/** encoding-type=url: keys and prefixes percent-encoded ('/' kept), as AWS does. */
export function encoder(req: S3Request): (s: string) => string {
  const type = req.query.get('encoding-type');
  if (type === null || type === '') return (s) => s;
  if (type !== 'url') throw new S3Error('InvalidArgument', 'Invalid Encoding Method specified in Request', { ArgumentName: 'encoding-type', ArgumentValue: type });
  return (s) => encodeURIComponent(s).replace(/%2F/g, '/');
}

const encodeToken = (seek: Seek): string => Buffer.from(JSON.stringify([seek.key, seek.inclusive])).toString('base64url');

function decodeToken(token: string): Seek {
  try {
    const [key, inclusive] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof key === 'string' && typeof inclusive === 'boolean') return { key, inclusive };
  } catch { /* fall through */ }
  throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', { ArgumentName: 'continuation-token', ArgumentValue: token });
}

/** Common part of both versions: scan and render Contents/CommonPrefixes. */
function listing(deps: ObjectOperationDeps, req: S3Request, seek: Seek | undefined, marker: string | undefined, withOwner: boolean) {
  const bucket = bucketOf(req);
  deps.storage.requireBucket(bucket);
  const enc = encoder(req);
  const prefix = req.query.get('prefix') ?? '';
  const delimiter = req.query.get('delimiter') ?? '';
  const maxKeys = intParam(req.query, 'max-keys', 1000, 0, 1000);
  const page: ListPage<ObjectVersion> = maxKeys === 0
    ? { items: [], prefixes: [], truncated: false }
    : deps.storage.listObjects({ bucket, prefix, delimiter, seek, marker, maxKeys });
  const body: XmlNode = {
    Name: bucket, Prefix: enc(prefix), Delimiter: delimiter ? enc(delimiter) : undefined, MaxKeys: maxKeys,
    EncodingType: req.query.get('encoding-type') || undefined, IsTruncated: page.truncated,
  };
  const contents = page.items.map((v) => ({
    Key: enc(v.key), LastModified: isoTime(v.lastModified), ETag: quote(v.etag), ChecksumAlgorithm: listedAlgorithm(v),
    Size: v.size, StorageClass: 'STANDARD', Owner: withOwner ? owner(deps) : undefined,
  }));
  const prefixes = page.prefixes.map((p) => ({ Prefix: enc(p) }));
  return { page, body, contents, prefixes, enc };
}

/** ListObjects and ListObjectsV2. */
export function listObjectsOperations(deps: ObjectOperationDeps): OperationTable {
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html */
    async ListObjects(req) {
      const marker = req.query.get('marker') || undefined;
      const seek = marker === undefined ? undefined : { key: marker, inclusive: false };
      const { page, body, contents, prefixes, enc } = listing(deps, req, seek, marker, true);
      const nextMarker = page.truncated && req.query.get('delimiter') && page.last !== undefined ? enc(page.last) : undefined;
      return xmlResponse('ListBucketResult', {
        ...body, Marker: enc(marker ?? ''), NextMarker: nextMarker, Contents: contents, CommonPrefixes: prefixes,
      });
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html */
    async ListObjectsV2(req) {
      const tokenParam = req.query.get('continuation-token') ?? undefined;
      const token = tokenParam || undefined;
      const startAfter = req.query.get('start-after') || undefined;
      const seek = token !== undefined ? decodeToken(token)
        : startAfter !== undefined ? { key: startAfter, inclusive: false } : undefined;
      const withOwner = req.query.get('fetch-owner') === 'true';
      const { page, body, contents, prefixes, enc } = listing(deps, req, seek, token ? undefined : startAfter, withOwner);
      return xmlResponse('ListBucketResult', {
        ...body, KeyCount: contents.length + prefixes.length, ContinuationToken: tokenParam,
        NextContinuationToken: page.truncated && page.next ? encodeToken(page.next) : undefined,
        StartAfter: startAfter === undefined ? undefined : enc(startAfter), Contents: contents, CommonPrefixes: prefixes,
      });
    },
  };
}
