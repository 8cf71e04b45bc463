// Bucket and object ACLs as on an AWS bucket whose Object Ownership is "bucket owner enforced" (ACLs disabled,
// AWS's default for new buckets): reads answer the owner's FULL_CONTROL; writes are accepted only when they ask
// for exactly that, anything else is 400 AccessControlListNotSupported. compat: x-amz-acl / x-amz-grant-* on
// PutObject, CopyObject, CreateBucket and CreateMultipartUpload are ignored (AWS refuses all but the owner's).
// @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
import { S3Error } from '../s3-error';
import type { OperationTable, S3Request } from '../types';
import { parseXml, readBodyText, xmlResponse, type XmlNode } from '../xml';
import { bucketOf, header, keyOf, owner } from './common';
import type { ObjectOperationDeps } from './deps';
import { findVersion } from './get-object';

const CANNED = new Set(['private', 'public-read', 'public-read-write', 'authenticated-read', 'aws-exec-read',
  'bucket-owner-read', 'bucket-owner-full-control', 'log-delivery-write']);
const OWNER_ONLY = new Set(['private', 'bucket-owner-full-control']);
const GRANT_HEADERS = ['x-amz-grant-full-control', 'x-amz-grant-read', 'x-amz-grant-read-acp', 'x-amz-grant-write', 'x-amz-grant-write-acp'];

const notSupported = () => new S3Error('AccessControlListNotSupported', 'The bucket does not allow ACLs');

/** The one ACL every bucket and object has: its owner with FULL_CONTROL. */
function ownerPolicy(deps: ObjectOperationDeps): XmlNode {
  const o = owner(deps);
  return {
    Owner: o,
    AccessControlList: {
      Grant: {
        Grantee: { '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', '@_xsi:type': 'CanonicalUser', ...o },
        Permission: 'FULL_CONTROL',
      },
    },
  };
}

/** True when an AccessControlPolicy body grants FULL_CONTROL to the owner and nothing else. */
function grantsOwnerOnly(xml: string, ownerId: string): boolean {
  const doc = parseXml(xml, ['Grant']).AccessControlPolicy as { AccessControlList?: { Grant?: unknown[] } } | undefined;
  const grants = doc && typeof doc === 'object' ? doc.AccessControlList?.Grant : undefined;
  if (!Array.isArray(grants)) throw new S3Error('MalformedACLError', 'The XML you provided was not well-formed or did not validate against our published schema.');
  return grants.length === 1 && grants.every((g) => {
    const grant = g as { Grantee?: { ID?: unknown }; Permission?: unknown };
    return grant.Permission === 'FULL_CONTROL' && grant.Grantee?.ID === ownerId;
  });
}

/**
 * Accept an ACL write only when it keeps the owner's FULL_CONTROL alone (x-amz-acl `private` or
 * `bucket-owner-full-control`, or such an AccessControlPolicy body); a bad canned name is InvalidArgument.
 */
async function acceptAclWrite(deps: ObjectOperationDeps, req: S3Request): Promise<void> {
  const canned = header(req.headers, 'x-amz-acl');
  const body = await readBodyText(req.body, undefined, req.contentLength);
  if (canned !== undefined && !CANNED.has(canned)) {
    throw new S3Error('InvalidArgument', `Invalid canned ACL: ${canned}`, { ArgumentName: 'x-amz-acl', ArgumentValue: canned });
  }
  if (GRANT_HEADERS.some((h) => req.headers[h] !== undefined)) throw notSupported();
  if (canned !== undefined ? !OWNER_ONLY.has(canned) : !grantsOwnerOnly(body, deps.config.ownerId)) throw notSupported();
}

/** GetBucketAcl, PutBucketAcl, GetObjectAcl, PutObjectAcl. */
export function aclOperations(deps: ObjectOperationDeps): OperationTable {
  const { storage } = deps;
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketAcl.html */
    async GetBucketAcl(req) {
      storage.requireBucket(bucketOf(req));
      return xmlResponse('AccessControlPolicy', ownerPolicy(deps));
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAcl.html */
    async PutBucketAcl(req) {
      storage.requireBucket(bucketOf(req));
      await acceptAclWrite(deps, req);
      return { status: 200 };
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAcl.html */
    async GetObjectAcl(req) {
      const v = findVersion(deps, bucketOf(req), keyOf(req), req.query.get('versionId') ?? undefined);
      const versioned = storage.requireBucket(v.bucket).versioning !== '';
      return xmlResponse('AccessControlPolicy', ownerPolicy(deps), 200, versioned ? { 'x-amz-version-id': v.versionId } : {});
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectAcl.html */
    async PutObjectAcl(req) {
      findVersion(deps, bucketOf(req), keyOf(req), req.query.get('versionId') ?? undefined);
      await acceptAclWrite(deps, req);
      return { status: 200 };
    },
  };
}
