// The one S3 error type and its code → status table. Internals never leak: unknown errors become InternalError.
// @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList

const STATUS = {
  AccessDenied: 403,
  AccessForbidden: 403,
  AccessControlListNotSupported: 400,
  BadRequest: 400,
  BadDigest: 400,
  BucketAlreadyExists: 409,
  BucketAlreadyOwnedByYou: 409,
  BucketNotEmpty: 409,
  EntityTooLarge: 400,
  EntityTooSmall: 400,
  IncompleteBody: 400,
  InternalError: 500,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidBucketName: 400,
  InvalidDigest: 400,
  InvalidPart: 400,
  InvalidPartNumber: 416,
  InvalidPartOrder: 400,
  InvalidPolicyDocument: 400,
  InvalidRange: 416,
  InvalidRequest: 400,
  InvalidURI: 400,
  KeyTooLongError: 400,
  MalformedACLError: 400,
  MalformedXML: 400,
  MalformedPOSTRequest: 400,
  MaxMessageLengthExceeded: 400,
  MethodNotAllowed: 405,
  MissingContentLength: 411,
  MissingSecurityHeader: 400,
  NoSuchBucket: 404,
  NoSuchCORSConfiguration: 404,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NoSuchVersion: 404,
  NotImplemented: 501,
  NotModified: 304,
  PreconditionFailed: 412,
  RequestTimeTooSkewed: 403,
  SignatureDoesNotMatch: 403,
  XAmzContentSHA256Mismatch: 400,
  AuthorizationQueryParametersError: 400,
  AuthorizationHeaderMalformed: 400,
  ExpiredToken: 400,
  XMinioStorageFull: 507,
} as const satisfies Record<string, number>;

/** A code of AWS's error list that this endpoint answers with. */
export type S3ErrorCode = keyof typeof STATUS;

/** An S3 error response: `<Error><Code/><Message/>…</Error>` with the standard status. */
export class S3Error extends Error {
  readonly status: number;
  constructor(
    public readonly code: S3ErrorCode,
    message: string,
    /** Extra elements rendered inside <Error> (e.g. ArgumentName, ArgumentValue, BucketName, Key). */
    public readonly extra: Record<string, string> = {},
    /** Response headers that go with the error (e.g. x-amz-delete-marker on a 404 for a delete marker). */
    public readonly headers: Record<string, string> = {},
    /** The HTTP status when AWS answers this code with another than its usual one. */
    status: number = STATUS[code],
  ) {
    super(message);
    this.name = 'S3Error';
    this.status = status;
  }
}
