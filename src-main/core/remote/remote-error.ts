// Errors of remote S3 services, for people: the service's own S3 code and message kept verbatim, and network,
// TLS and "not S3 at all" failures sorted into the kinds "Test connection" reports. Pure: no I/O.
import { S3ServiceException } from '@aws-sdk/client-s3';
import { XMLParser } from 'fast-xml-parser';
import type { ConnectionFailure } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';

/** An error answer of the remote service: its S3 code and message, as it sent them. */
export class RemoteS3Error extends AppError {
  constructor(code: string, public readonly remoteMessage: string, public readonly status: number) {
    super(code, `${code}: ${remoteMessage}`);
    this.name = 'RemoteS3Error';
  }
}

/** A failure sorted for the user; `code` is the S3 code or the socket/TLS error code. */
export interface RemoteFailure { kind: ConnectionFailure; code: string; message: string }

const AUTH_CODES = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'InvalidToken', 'ExpiredToken',
  'AuthorizationHeaderMalformed', 'InvalidSecurity', 'AllAccessDisabled', 'AccountProblem']);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_|ERR_TLS|ERR_SSL|EPROTO|HOSTNAME_MISMATCH/;
const xml = new XMLParser({ parseTagValue: false, processEntities: false });

/** The Code and Message of an S3 `<Error>` document, or undefined when `body` is not one. */
export function parseS3Error(body: string): { code: string; message: string } | undefined {
  try {
    const doc = xml.parse(body) as { Error?: { Code?: unknown; Message?: unknown } };
    const code = doc?.Error?.Code;
    if (typeof code !== 'string' || code === '') return undefined;
    return { code, message: typeof doc.Error?.Message === 'string' ? doc.Error.Message : '' };
  } catch {
    return undefined;
  }
}

/** The error for a non-2xx raw answer: the S3 error it carries, or "not S3" when it carries none. */
export function errorFromAnswer(status: number, body: string, contentType = ''): RemoteS3Error {
  const parsed = parseS3Error(body);
  if (parsed) return new RemoteS3Error(parsed.code, parsed.message, status);
  return new RemoteS3Error('NotS3', `HTTP ${status} (${contentType || 'no content type'}) without an S3 error document`, status);
}

function socketCode(err: Error): string | undefined {
  const own = (err as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? socketCode(cause) : undefined;
}

/** Sort any failure of a remote call into a kind with a readable message naming `host`. */
export function classifyRemoteError(err: unknown, host: string): RemoteFailure {
  if (err instanceof RemoteS3Error) {
    if (err.code === 'NotS3') return { kind: 'not-s3', code: err.code, message: `${host} is not an S3 service: ${err.remoteMessage}` };
    const kind = AUTH_CODES.has(err.code) || err.status === 403 ? 'auth' : 'error';
    return { kind, code: err.code, message: err.message };
  }
  if (err instanceof S3ServiceException) {
    const status = err.$metadata?.httpStatusCode ?? 0;
    const name = err.name === 'UnknownError' || err.name === 'Error' ? '' : err.name;
    if (!name) return { kind: 'not-s3', code: 'NotS3', message: `${host} answered HTTP ${status} without an S3 error document: is this an S3 endpoint?` };
    const kind = AUTH_CODES.has(name) || status === 403 ? 'auth' : 'error';
    return { kind, code: name, message: `${name}: ${err.message}` };
  }
  if (!(err instanceof Error)) return { kind: 'error', code: 'Error', message: String(err) };
  const code = socketCode(err) ?? err.name;
  if (code === 'ECONNREFUSED') return { kind: 'refused', code, message: `Connection refused by ${host}: nothing listens there` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'dns', code, message: `Host not found: ${host} (DNS lookup failed)` };
  if (code === 'TimeoutError' || code === 'ETIMEDOUT' || err.name === 'TimeoutError') {
    return { kind: 'timeout', code: 'Timeout', message: `No answer from ${host} in time (connect or request timed out)` };
  }
  if (TLS_CODES.test(code) || /certificate|SSL|TLS/i.test(err.message)) {
    return { kind: 'tls', code, message: `TLS error with ${host}: ${err.message}` };
  }
  if (err.name === 'SyntaxError' || /Deserialization|XML|char/i.test(err.message) || '$response' in err) {
    return { kind: 'not-s3', code: 'NotS3', message: `${host} did not answer like an S3 service: ${err.message.split('\n')[0]}` };
  }
  return { kind: 'error', code, message: `${host}: ${err.message}` };
}

const KIND_CODES: Record<ConnectionFailure, string> = {
  auth: 'RemoteAuth', tls: 'RemoteTls', dns: 'RemoteDns', timeout: 'RemoteTimeout', refused: 'RemoteRefused',
  'not-s3': 'RemoteNotS3', error: 'RemoteError',
};

/** The AppError an API call reports for a failed remote call: S3 errors keep the service's code, others name their kind. */
export function toRemoteAppError(err: unknown, host: string): AppError {
  if (err instanceof AppError) return err;
  const failure = classifyRemoteError(err, host);
  const fromService = err instanceof S3ServiceException && failure.kind !== 'not-s3';
  return new AppError(fromService ? failure.code : KIND_CODES[failure.kind], failure.message);
}
