// PutObject and PostObject (browser form upload): stream the body to storage with MD5 and the requested
// checksums, verify Content-MD5 / x-amz-checksum-* (headers or trailers), commit with its event.
import { S3Error } from '../s3-error';
import type { OperationTable, S3Request } from '../types';
import { renderXml } from '../xml';
import type { S3EventName } from '../../model/object-change';
import type { ObjectVersion } from '../../storage/types';
import { bucketOf, ctxOf, header, keyOf, quote, unquote, versionHeader } from './common';
import type { ObjectOperationDeps } from './deps';
import { checksumHeaders, metaFromHeaders, requestedAlgorithms, verifier } from './object-headers';

/**
 * Conditional writes: If-None-Match: * fails when the key exists, If-Match when its ETag differs (or it is missing).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 */
function writeCondition(req: S3Request): ((current: ObjectVersion | undefined) => void) | undefined {
  const ifNoneMatch = header(req.headers, 'if-none-match');
  const ifMatch = header(req.headers, 'if-match');
  if (ifNoneMatch === undefined && ifMatch === undefined) return undefined;
  return (current) => {
    const live = current && !current.isDeleteMarker ? current : undefined;
    if (ifMatch !== undefined && !live) throw new S3Error('NoSuchKey', 'The specified key does not exist.', { Key: req.key ?? '' });
    const failed = (ifNoneMatch !== undefined && live && (ifNoneMatch.trim() === '*' || unquote(ifNoneMatch) === live.etag))
      || (ifMatch !== undefined && live && ifMatch.trim() !== '*' && unquote(ifMatch) !== live.etag);
    if (failed) throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: ifMatch ? 'If-Match' : 'If-None-Match' });
  };
}

async function store(deps: ObjectOperationDeps, req: S3Request, eventName: S3EventName): Promise<ObjectVersion> {
  return deps.storage.putObject({
    bucket: bucketOf(req), key: keyOf(req), source: req.body, meta: metaFromHeaders(req.headers),
    algorithms: requestedAlgorithms(req), verify: verifier(req), eventName, ctx: ctxOf(req),
    precondition: eventName === 's3:ObjectCreated:Put' ? writeCondition(req) : undefined,
  });
}

/** Response headers of a committed write. */
function writeHeaders(deps: ObjectOperationDeps, v: ObjectVersion): Record<string, string> {
  return { etag: quote(v.etag), ...versionHeader(v.versionId, deps.storage.getBucket(v.bucket)?.versioning), ...checksumHeaders(v.checksums) };
}

/** PutObject and PostObject. */
export function putObjectOperations(deps: ObjectOperationDeps): OperationTable {
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html */
    async PutObject(req) {
      const v = await store(deps, req, 's3:ObjectCreated:Put');
      return { status: 200, headers: writeHeaders(deps, v) };
    },
    /**
     * Browser form upload: the protocol layer passes form fields as lower-cased headers and the key in req.key.
     * @see https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html
     */
    async PostObject(req) {
      const v = await store(deps, req, 's3:ObjectCreated:Post');
      const headers = { ...writeHeaders(deps, v), location: `/${v.bucket}/${encodeURIComponent(v.key)}` };
      const redirect = header(req.headers, 'success_action_redirect') ?? header(req.headers, 'redirect');
      if (redirect && URL.canParse(redirect)) {
        const url = new URL(redirect);
        url.searchParams.set('bucket', v.bucket);
        url.searchParams.set('key', v.key);
        url.searchParams.set('etag', quote(v.etag));
        return { status: 303, headers: { ...headers, location: url.toString() } };
      }
      const status = Number(header(req.headers, 'success_action_status') ?? 204);
      if (status === 201) {
        const body = renderXml('PostResponse', { Location: headers.location, Bucket: v.bucket, Key: v.key, ETag: quote(v.etag) }, null);
        return { status: 201, headers: { ...headers, 'content-type': 'application/xml' }, body };
      }
      return { status: status === 200 ? 200 : 204, headers };
    },
  };
}
