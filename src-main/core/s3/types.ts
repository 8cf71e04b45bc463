// The boundary between the S3 protocol layer (server, auth, routing) and the operations (one per file in ops/).
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

/** A parsed, authenticated S3 request as operations see it. */
export interface S3Request {
  method: string;
  /** Bucket from the path or virtual host; undefined for service-level requests (ListBuckets). */
  bucket?: string;
  /** Decoded object key; undefined for bucket-level requests. */
  key?: string;
  query: URLSearchParams;
  /** Lower-cased request headers. */
  headers: IncomingHttpHeaders;
  /**
   * The payload, already de-chunked (aws-chunked), with chunk signatures, the signed SHA-256 and
   * trailing checksums verified while it streams: a mismatch errors the stream with an S3Error.
   */
  body: Readable;
  /** Payload length when known (Content-Length or x-amz-decoded-content-length). */
  contentLength?: number;
  /** Trailing checksum header values, available after `body` has ended (e.g. {'x-amz-checksum-crc32': '…'}). */
  trailers: Record<string, string>;
  requestId: string;
  hostId: string;
  sourceIp: string;
  /** The authenticated access key id. */
  accessKey: string;
  /** The region the request was signed for (SigV4 credential scope); undefined for V2-signed POST forms. */
  signingRegion?: string;
}

/** What an operation answers. `body` may be a string (XML), a Buffer or a stream (object bytes). */
export interface S3Response {
  status?: number;
  headers?: Record<string, string | number>;
  body?: string | Buffer | Readable;
}

/** One S3 operation. Throws S3Error for protocol errors. */
export type S3Operation = (req: S3Request) => Promise<S3Response>;

/** Every operation the router can name. */
export type OperationName =
  | 'ListBuckets' | 'CreateBucket' | 'DeleteBucket' | 'HeadBucket' | 'GetBucketLocation'
  | 'ListObjects' | 'ListObjectsV2' | 'ListObjectVersions'
  | 'GetBucketVersioning' | 'PutBucketVersioning' | 'GetBucketCors' | 'PutBucketCors' | 'DeleteBucketCors'
  | 'GetBucketAcl' | 'PutBucketAcl' | 'GetObjectAcl' | 'PutObjectAcl'
  | 'GetBucketNotificationConfiguration' | 'PutBucketNotificationConfiguration' | 'DeleteBucketNotificationConfiguration'
  | 'PutObject' | 'PostObject' | 'GetObject' | 'HeadObject' | 'GetObjectAttributes' | 'DeleteObject' | 'DeleteObjects' | 'CopyObject'
  | 'CreateMultipartUpload' | 'UploadPart' | 'UploadPartCopy' | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload' | 'ListParts' | 'ListMultipartUploads';

/** The operation table the protocol layer dispatches into. Missing entries answer NotImplemented. */
export type OperationTable = Partial<Record<OperationName, S3Operation>>;
