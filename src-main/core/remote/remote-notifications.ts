// A remote bucket's notification configuration: GET ?notification parsed with the notifications parser (each
// hook keeps its dialect), PUT of the whole document as raw signed XML, the service's refusal kept verbatim, and
// services without ?notification (s3rver, many gateways) told apart from real errors.
import { parseConfig } from '../notifications/parse-config';
import { renderConfig } from '../notifications/render-config';
import type { HookSpec } from '../notifications/types';
import { AppError } from '../kernel/app-error';
import type { Connection } from './connection';
import { errorFromAnswer, parseS3Error } from './remote-error';

/** What GET ?notification found: the hooks and the document, or that the service has no such thing. */
export type RemoteConfig =
  | { supported: true; hooks: HookSpec[]; xml: string }
  | { supported: false; reason: string };

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
    throw errorFromAnswer(answer.status, answer.body, answer.headers['content-type']);
  }
  let raw;
  try {
    raw = parseConfig(answer.body);
  } catch (err) {
    // compat: a gateway that ignores ?notification answers with something else (often the object listing).
    if (err instanceof AppError && err.code === 'MalformedXML') return { supported: false, reason: unsupportedReason('its answer is not a NotificationConfiguration') };
    throw err;
  }
  const hooks = raw.map((h) => ({ id: h.id ?? '', dialect: h.dialect, url: h.target ?? '', events: h.events, rules: h.rules }));
  return { supported: true, hooks, xml: answer.body };
}

/** GET the configuration, or throw AppError NotificationsUnsupported with the reason. */
export async function requireRemoteHooks(conn: Connection, bucket: string): Promise<HookSpec[]> {
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
  throw errorFromAnswer(answer.status, answer.body, answer.headers['content-type']);
}

/** PUT `hooks` as the bucket's whole configuration, rendered each in its own dialect. */
export function putRemoteHooks(conn: Connection, bucket: string, hooks: readonly HookSpec[]): Promise<void> {
  return putRemoteConfigXml(conn, bucket, renderConfig(hooks));
}
