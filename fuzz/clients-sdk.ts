// The AWS SDK's part of the captured traffic: one bucket's life with the SDK's default settings (flexible
// checksums, aws-chunked trailers), versioning, multipart, copy, notification and CORS configuration,
// presigned GET/PUT and a browser-style POST form upload.
import { Readable } from 'node:stream';
import { createHmac } from 'node:crypto';
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CopyObjectCommand, CreateBucketCommand, CreateMultipartUploadCommand,
  DeleteBucketCorsCommand, DeleteBucketCommand, DeleteObjectCommand, DeleteObjectsCommand, GetBucketCorsCommand, GetBucketLocationCommand,
  GetBucketNotificationConfigurationCommand, GetBucketVersioningCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand,
  ListBucketsCommand, ListMultipartUploadsCommand, ListObjectsCommand, ListObjectsV2Command, ListObjectVersionsCommand, ListPartsCommand,
  PutBucketCorsCommand, PutBucketNotificationConfigurationCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client,
  UploadPartCommand, UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { getSigningKey } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { FUZZ_KEYS } from './serve';

const B = 'fz-sdk';

async function multipart(s3: S3Client): Promise<void> {
  const up = await s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'mp/one.bin', ContentType: 'application/octet-stream' }));
  const part = await s3.send(new UploadPartCommand({ Bucket: B, Key: 'mp/one.bin', UploadId: up.UploadId, PartNumber: 1, Body: 'only part' }));
  await s3.send(new ListPartsCommand({ Bucket: B, Key: 'mp/one.bin', UploadId: up.UploadId }));
  await s3.send(new ListMultipartUploadsCommand({ Bucket: B }));
  await s3.send(new CompleteMultipartUploadCommand({ Bucket: B, Key: 'mp/one.bin', UploadId: up.UploadId,
    MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
  const copy = await s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'mp/copy.bin' }));
  const copied = await s3.send(new UploadPartCopyCommand({ Bucket: B, Key: 'mp/copy.bin', UploadId: copy.UploadId, PartNumber: 1,
    CopySource: `${B}/mp/one.bin`, CopySourceRange: 'bytes=0-3' }));
  await s3.send(new CompleteMultipartUploadCommand({ Bucket: B, Key: 'mp/copy.bin', UploadId: copy.UploadId,
    MultipartUpload: { Parts: [{ PartNumber: 1, ETag: copied.CopyPartResult?.ETag }] } }));
  const abandoned = await s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'mp/abandoned.bin' }));
  await s3.send(new AbortMultipartUploadCommand({ Bucket: B, Key: 'mp/abandoned.bin', UploadId: abandoned.UploadId }));
}

async function configuration(s3: S3Client, endpoint: string): Promise<void> {
  await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: B, NotificationConfiguration: {
    TopicConfigurations: [{ Id: 'sdk-hook', TopicArn: `${endpoint}/_inbox/fz-sdk`, Events: ['s3:ObjectCreated:*'],
      Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'in/' }] } } }],
  } }));
  await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: B }));
  await s3.send(new PutBucketCorsCommand({ Bucket: B, CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['http://localhost:*'],
    AllowedMethods: ['GET', 'PUT'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 600 }] } }));
  await s3.send(new GetBucketCorsCommand({ Bucket: B }));
  await s3.send(new DeleteBucketCorsCommand({ Bucket: B }));
}

/** A POST form upload signed the way a page's backend signs it. */
async function postForm(endpoint: string): Promise<void> {
  const date = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const credential = `${FUZZ_KEYS.accessKey}/${date}/ru-msk/s3/aws4_request`;
  const fields: Record<string, string> = { key: 'forms/${filename}', 'Content-Type': 'text/plain', 'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': credential, 'x-amz-date': `${date}T000000Z` };
  const policy = Buffer.from(JSON.stringify({ expiration: '2099-01-01T00:00:00.000Z', conditions: [{ bucket: B },
    ['starts-with', '$key', 'forms/'], ['starts-with', '$Content-Type', 'text/'], { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
    { 'x-amz-credential': credential }, { 'x-amz-date': `${date}T000000Z` }, ['content-length-range', 0, 1024]] })).toString('base64');
  const key = Buffer.from(await getSigningKey(Sha256, { accessKeyId: FUZZ_KEYS.accessKey, secretAccessKey: FUZZ_KEYS.secretKey }, date, 'ru-msk', 's3'));
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...fields, Policy: policy, 'X-Amz-Signature': createHmac('sha256', key).update(policy).digest('hex') })) form.append(k, v);
  form.append('file', new Blob(['posted by a form']), 'note.txt');
  await fetch(`${endpoint}/${B}`, { method: 'POST', body: form });
}

/** Run the SDK scenario against `endpoint`. */
export async function sdkTraffic(endpoint: string): Promise<void> {
  const s3 = new S3Client({ endpoint, region: 'ru-msk', forcePathStyle: true,
    credentials: { accessKeyId: FUZZ_KEYS.accessKey, secretAccessKey: FUZZ_KEYS.secretKey } });
  await s3.send(new CreateBucketCommand({ Bucket: B }));
  await s3.send(new HeadBucketCommand({ Bucket: B }));
  await s3.send(new GetBucketLocationCommand({ Bucket: B }));
  await s3.send(new PutObjectCommand({ Bucket: B, Key: 'hello.txt', Body: 'hello from the sdk', ContentType: 'text/plain',
    Metadata: { origin: 'capture' }, CacheControl: 'no-cache' }));
  await s3.send(new PutObjectCommand({ Bucket: B, Key: 'in/stream.bin', Body: Readable.from([Buffer.alloc(3000, 7)]), ContentLength: 3000 }));
  await s3.send(new PutObjectCommand({ Bucket: B, Key: 'dir/ünïcödé + space.txt', Body: 'x', ChecksumAlgorithm: 'SHA256' }));
  await (await s3.send(new GetObjectCommand({ Bucket: B, Key: 'hello.txt' }))).Body?.transformToString();
  await (await s3.send(new GetObjectCommand({ Bucket: B, Key: 'hello.txt', Range: 'bytes=0-4' }))).Body?.transformToString();
  await s3.send(new HeadObjectCommand({ Bucket: B, Key: 'hello.txt', IfNoneMatch: '"nope"' }));
  await s3.send(new ListObjectsV2Command({ Bucket: B, Prefix: 'dir/', Delimiter: '/' }));
  await s3.send(new ListObjectsCommand({ Bucket: B, MaxKeys: 2 }));
  await s3.send(new CopyObjectCommand({ Bucket: B, Key: 'copy.txt', CopySource: `${B}/hello.txt`, MetadataDirective: 'REPLACE', ContentType: 'text/x' }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: B, VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(new GetBucketVersioningCommand({ Bucket: B }));
  await s3.send(new PutObjectCommand({ Bucket: B, Key: 'hello.txt', Body: 'second version' }));
  await s3.send(new ListObjectVersionsCommand({ Bucket: B, Prefix: 'hello' }));
  await s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'copy.txt' }));
  await s3.send(new DeleteObjectsCommand({ Bucket: B, Delete: { Objects: [{ Key: 'a' }, { Key: 'in/stream.bin' }] } }));
  await multipart(s3);
  await configuration(s3, endpoint);
  await fetch(await getSignedUrl(s3, new GetObjectCommand({ Bucket: B, Key: 'hello.txt' }), { expiresIn: 600 }));
  await fetch(await getSignedUrl(s3, new PutObjectCommand({ Bucket: B, Key: 'presigned.txt' }), { expiresIn: 600 }), { method: 'PUT', body: 'via url' });
  await postForm(endpoint);
  await s3.send(new ListBucketsCommand({}));
  await s3.send(new CreateBucketCommand({ Bucket: 'fz-empty' }));
  await s3.send(new DeleteBucketCommand({ Bucket: 'fz-empty' }));
  s3.destroy();
}
