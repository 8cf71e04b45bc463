// The error codes of the app API, as one closed union both sides import: main throws them (AppError), the renderer
// branches on them (ApiCallError.is) instead of comparing loose strings. Codes a remote S3 service answered with
// (NoSuchBucket, AccessDenied…) pass through as the service sent them and are not in the union.

/** Every code BucketHooks itself answers with. */
export const API_ERROR_CODES = [
  // the boundary: transports and the dispatcher
  'InvalidJson', 'UnknownMethod', 'InvalidInput', 'InternalError', 'Unauthorized', 'Forbidden', 'PayloadTooLarge',
  'MethodNotAllowed', 'IpcError', 'NetworkError',
  // the local services
  'NotFound', 'NoSuchHook', 'HookOverlap', 'HookDisabled', 'HandshakeFailed', 'InvalidHookOptions', 'InvalidHookState',
  'BackfillNotSubscribed', 'LimitExceeded', 'StorageFull', 'SecretUnavailable', 'LocalOnly', 'NotSupported',
  'PreviewOutdated', 'DataDirInUse', 'BadCredentialsFile', 'S3Unavailable',
  // bounded work: one job of a kind per hook, a cap on jobs and event streams
  'BackfillRunning', 'ReplayRunning', 'TooManyJobs', 'TooManyStreams',
  // the core's domain errors (CoreError), named as S3 names them
  'NoSuchBucket', 'InvalidBucketName', 'BucketAlreadyOwnedByYou', 'BucketNotEmpty', 'NoSuchUpload', 'InvalidPart',
  'InvalidPartOrder', 'EntityTooSmall', 'InvalidRequest', 'BadDigest', 'MalformedXML', 'InvalidArgument',
  // remote profiles
  'NoSuchProfile', 'InvalidProfile', 'ProfilesUnreadable', 'NotificationsUnsupported',
  'RemoteAuth', 'RemoteTls', 'RemoteDns', 'RemoteTimeout', 'RemoteRefused', 'RemoteNotS3', 'RemoteError',
  'RemoteWriteMismatch',
  // listen: a remote bucket's events relayed here
  'NoSuchSession', 'SubscribeUrlRefused', 'NoPublicUrl', 'TunnelFailed',
  /** A failure with no better code (a profile test's unexpected error). */
  'Error',
] as const;

/** A code BucketHooks answers with. */
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** True when `code` is one of BucketHooks' own (not a remote service's). */
export function isApiErrorCode(code: string): code is ApiErrorCode {
  return (API_ERROR_CODES as readonly string[]).includes(code);
}

/** A code a remote S3 service answered with, passed through as sent; branded so a typo of our own codes is no such code. */
export type ServiceErrorCode = string & { readonly __serviceErrorCode: true };

/** Mark `code` as a remote service's own. */
export function serviceErrorCode(code: string): ServiceErrorCode {
  return code as ServiceErrorCode;
}
