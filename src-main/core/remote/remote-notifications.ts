// A remote bucket's notification configuration: GET ?notification read leniently (each hook keeps its dialect and
// the parts BucketHooks cannot edit), PUT of the whole document and DELETE ?notification[=Id] as raw signed
// requests, the service's refusal kept verbatim (explained where it sent no message), and services without
// ?notification (s3rver, many gateways) told apart from real errors.
import { AppError } from '../kernel/app-error';
import type { Connection } from './connection';
import { errorFromAnswer, parseS3Error, RemoteS3Error } from './remote-error';
import { refusalHint, type RefusedRequest } from './refusal';
import { parseRemoteDocument, type KeptPart, type RemoteHook } from './remote-document';

/** What GET ?notification found: the hooks, read-only document parts and the XML, or that there is no such thing. */
export type RemoteConfig =
  | { supported: true; hooks: RemoteHook[]; kept: KeptPart[]; xml: string }
  | { supported: false; reason: string };

/** Why a refusal without a message happened, as far as known services (Ceph RGW sends no messages) tell. */
const SILENT_REFUSALS: Record<string, string> = {
  MalformedXML: 'refused without a reason (Ceph refuses an empty configuration, SimpleTopicConfiguration and '
    + 'capitalised filter rule names such as Prefix)',
  InvalidArgument: 'refused without a reason (Ceph says this when a Topic is not a topic ARN or an event name is unknown)',
  NoSuchKey: 'refused without a reason (Ceph says this when a Topic names a topic that does not exist)',
};

/**
 * The error of a refused write: what was asked and a hint where the cause is known (refusal.ts); a refusal without a
 * message and without such a hint says instead what its code means on known services.
 */
function refusal(status: number, body: string, contentType: string | undefined, request: RefusedRequest): RemoteS3Error {
  const err = errorFromAnswer(status, body, contentType, request);
  const meaning = SILENT_REFUSALS[err.code];
  if (err.code === 'NotS3' || err.remoteMessage !== '' || !meaning || refusalHint(err.code, '', request)) return err;
  return new RemoteS3Error(err.code, meaning, status, request);
}

/** S3 codes meaning "this service does not implement the subresource" rather than "you got it wrong". */
const UNSUPPORTED_CODES = new Set(['NotImplemented', 'UnsupportedOperation', 'MethodNotAllowed', 'NotSupported']);

/** The reason text of the unsupported state (the UI and CLI show it; the CLI's contains "not support"). */
export function unsupportedReason(detail: string): string {
  return `This service does not support bucket notifications (${detail})`;
}

/** What the service said, when an error answer to ?notification means it lacks the subresource. */
function unsupportedDetail(status: number, body: string): string | undefined {
  const error = parseS3Error(body);
  const detail = error ? `${error.code}: ${error.message}` : `HTTP ${status}`;
  if (status === 501 || status === 405) return detail;
  if (error && (UNSUPPORTED_CODES.has(error.code) || (error.code === 'InvalidRequest' && /notification/i.test(error.message)))) return detail;
  return undefined;
}

/** GET the bucket's configuration. Throws the service's error (NoSuchBucket, AccessDenied, …) verbatim. */
export async function getRemoteConfig(conn: Connection, bucket: string): Promise<RemoteConfig> {
  const answer = await conn.raw({ method: 'GET', bucket, query: { notification: '' } });
  if (answer.status < 200 || answer.status > 299) {
    const reason = unsupportedDetail(answer.status, answer.body);
    if (reason) return { supported: false, reason: unsupportedReason(reason) };
    throw errorFromAnswer(answer.status, answer.body, answer.headers['content-type'], { method: 'GET', subresource: 'notification' });
  }
  try {
    const doc = parseRemoteDocument(answer.body);
    return { supported: true, hooks: doc.hooks, kept: doc.kept, xml: answer.body };
  } catch (err) {
    // compat: a gateway that ignores ?notification answers with something else (often the object listing).
    if (err instanceof AppError && err.code === 'MalformedXML') return { supported: false, reason: unsupportedReason('its answer is not a NotificationConfiguration') };
    throw err;
  }
}

/** GET the configuration, or throw AppError NotificationsUnsupported with the reason. */
export async function requireRemoteConfig(conn: Connection, bucket: string): Promise<Extract<RemoteConfig, { supported: true }>> {
  const config = await getRemoteConfig(conn, bucket);
  if (!config.supported) throw new AppError('NotificationsUnsupported', config.reason);
  return config;
}

/** GET the hooks, or throw AppError NotificationsUnsupported with the reason. */
export async function requireRemoteHooks(conn: Connection, bucket: string): Promise<RemoteHook[]> {
  const config = await getRemoteConfig(conn, bucket);
  if (!config.supported) throw new AppError('NotificationsUnsupported', config.reason);
  return config.hooks;
}

/** PUT `xml` as the bucket's whole configuration; the service's refusal is thrown as RemoteS3Error, verbatim. */
export async function putRemoteConfigXml(conn: Connection, bucket: string, xml: string): Promise<void> {
  const answer = await conn.raw({ method: 'PUT', bucket, query: { notification: '' }, body: xml });
  if (answer.status >= 200 && answer.status <= 299) return;
  const reason = unsupportedDetail(answer.status, answer.body);
  if (reason) throw new AppError('NotificationsUnsupported', unsupportedReason(reason));
  throw refusal(answer.status, answer.body, answer.headers['content-type'], { method: 'PUT', subresource: 'notification', body: xml });
}

/** DELETE ?notification (all hooks), or ?notification=<id> (one hook: Ceph's extension of S3). */
export async function deleteRemoteConfig(conn: Connection, bucket: string, id = ''): Promise<void> {
  const answer = await conn.raw({ method: 'DELETE', bucket, query: { notification: id } });
  if (answer.status >= 200 && answer.status <= 299) return;
  throw refusal(answer.status, answer.body, answer.headers['content-type'], { method: 'DELETE', subresource: 'notification' });
}
