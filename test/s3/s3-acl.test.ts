// ACLs as on an AWS bucket with ACLs disabled (Object Ownership "bucket owner enforced"): GetBucketAcl and
// GetObjectAcl answer the owner's FULL_CONTROL; Put*Acl accepts only that and refuses any other grant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateBucketCommand, GetBucketAclCommand, GetObjectAclCommand, ListBucketsCommand, PutBucketAclCommand, PutObjectAclCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { send, signHeaders } from './s3-protocol-helpers';

let core: TestCore;
let owner: { ID?: string; DisplayName?: string };
beforeAll(async () => {
  core = await startTestCore();
  await core.s3.send(new CreateBucketCommand({ Bucket: 'acl' }));
  await core.s3.send(new PutObjectCommand({ Bucket: 'acl', Key: 'k', Body: 'x' }));
  owner = (await core.s3.send(new ListBucketsCommand({}))).Owner ?? {};
});
afterAll(async () => { await core.stop(); });

describe('ACL reads', () => {
  it('answer the owner with FULL_CONTROL for buckets and objects alike', async () => {
    const expected = { Owner: owner, Grants: [{ Grantee: { ...owner, Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' }] };
    expect(await core.s3.send(new GetBucketAclCommand({ Bucket: 'acl' }))).toMatchObject(expected);
    expect(await core.s3.send(new GetObjectAclCommand({ Bucket: 'acl', Key: 'k' }))).toMatchObject(expected);
    await expect(core.s3.send(new GetObjectAclCommand({ Bucket: 'acl', Key: 'missing' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
  });
});

describe('ACL writes', () => {
  it('accept the owner-only ACL, canned or as a policy document', async () => {
    await core.s3.send(new PutBucketAclCommand({ Bucket: 'acl', ACL: 'private' }));
    await core.s3.send(new PutObjectAclCommand({ Bucket: 'acl', Key: 'k', ACL: 'bucket-owner-full-control' }));
    await core.s3.send(new PutBucketAclCommand({ Bucket: 'acl', AccessControlPolicy: {
      Owner: owner, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: owner.ID }, Permission: 'FULL_CONTROL' }],
    } }));
  });

  it('refuse any other grant with 400 AccessControlListNotSupported', async () => {
    await expect(core.s3.send(new PutBucketAclCommand({ Bucket: 'acl', ACL: 'public-read' })))
      .rejects.toMatchObject({ name: 'AccessControlListNotSupported', $metadata: { httpStatusCode: 400 } });
    await expect(core.s3.send(new PutObjectAclCommand({ Bucket: 'acl', Key: 'k', AccessControlPolicy: {
      Owner: owner, Grants: [{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }],
    } }))).rejects.toMatchObject({ name: 'AccessControlListNotSupported' });
    await expect(core.s3.send(new PutBucketAclCommand({ Bucket: 'acl', GrantRead: 'uri="http://acs.amazonaws.com/groups/global/AllUsers"' })))
      .rejects.toMatchObject({ name: 'AccessControlListNotSupported' });
  });

  it('ignore x-amz-acl on object writes: the object stays owner-only', async () => {
    await core.s3.send(new PutObjectCommand({ Bucket: 'acl', Key: 'public?', Body: 'x', ACL: 'public-read' }));
    expect((await core.s3.send(new GetObjectAclCommand({ Bucket: 'acl', Key: 'public?' }))).Grants)
      .toEqual([{ Grantee: { ...owner, Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' }]);
  });

  it('refuse an unknown canned ACL with 400 InvalidArgument', async () => {
    const headers = await signHeaders({ method: 'PUT', host: `127.0.0.1:${core.port}`, path: '/acl', query: { acl: '' },
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'x-amz-acl': 'public-ready' }, accessKey: TEST_KEYS.accessKey, secret: TEST_KEYS.secretKey });
    const res = await send(core.port, 'PUT', '/acl?acl=', headers);
    expect(res.status).toBe(400);
    expect(res.body).toContain('<Code>InvalidArgument</Code>');
  });
});
