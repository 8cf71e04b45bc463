// Uploads to a remote profile, relayed through this computer: objects.createUpload hands the window a one-time URL
// on the local listener (/_upload/<id>); the window PUTs the file there with progress, and the bytes stream on to
// the remote with @aws-sdk/lib-storage (multipart above one part). The remote's CORS rules and the desktop CSP
// never come into it. An id is random, single use, bound to one bucket/key/size, and expires.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { PassThrough, pipeline } from 'node:stream';
import { Upload } from '@aws-sdk/lib-storage';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import { escapeXml } from '../notifications/render-config';
import type { Connection } from './connection';
import { toRemoteAppError } from './remote-error';

/** Path prefix of relay URLs on the local listener. */
export const RELAY_PREFIX = '/_upload/';
/** Part size of relayed multipart uploads (memory held per upload: part size × queue size). */
export const RELAY_PART_SIZE = 8 * 1024 * 1024;
const TTL_MS = 6 * 3600_000;

interface Pending { conn: Connection; bucket: string; key: string; size: number; contentType?: string; expires: number }

/** The relay: `register` makes a URL path, `handle` serves PUT/OPTIONS on it. */
export interface UploadRelay {
  register(conn: Connection, target: { bucket: string; key: string; size: number; contentType?: string }): string;
  /** Resolves when the relayed upload is answered (the listener's guard sees a failure it did not foresee). */
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

function cors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', typeof req.headers.origin === 'string' ? req.headers.origin : '*');
  res.setHeader('Access-Control-Expose-Headers', 'ETag');
  res.setHeader('Vary', 'Origin');
}

function fail(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>`;
  cors(req, res);
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
  req.resume();
}

/** Build the relay; `clock` expires unused URLs. */
export function createUploadRelay(clock: Clock, logger: Logger): UploadRelay {
  const pending = new Map<string, Pending>();
  const sweep = () => { for (const [id, p] of pending) if (p.expires < clock.now()) pending.delete(id); };

  async function relay(req: IncomingMessage, res: ServerResponse, p: Pending): Promise<void> {
    const host = new URL(p.conn.profile.endpoint).host;
    // A request cut short (the window closed, the user cancelled) errors the body, so nothing partial is stored.
    const body = new PassThrough();
    pipeline(req, body, (err) => { if (err) body.destroy(err); });
    try {
      const upload = new Upload({
        client: p.conn.s3, partSize: RELAY_PART_SIZE, queueSize: 2, leavePartsOnError: false,
        params: { Bucket: p.bucket, Key: p.key, Body: body, ContentType: p.contentType },
      });
      const out = await upload.done();
      cors(req, res);
      res.writeHead(200, { etag: out.ETag ?? '', 'content-length': 0 });
      res.end();
    } catch (err) {
      const error = toRemoteAppError(err, host);
      logger.warn('relayed upload failed', { profile: p.conn.profile.name, bucket: p.bucket, code: error.code });
      if (!res.headersSent) fail(req, res, 502, error.code, error.message);
    }
  }

  return {
    register(conn, target) {
      sweep();
      const id = randomBytes(24).toString('base64url');
      pending.set(id, { conn, ...target, expires: clock.now() + TTL_MS });
      return `${RELAY_PREFIX}${id}`;
    },
    handle(req, res) {
      const id = (req.url ?? '').slice(RELAY_PREFIX.length).split('?')[0];
      if (req.method === 'OPTIONS') {
        cors(req, res);
        res.writeHead(204, { 'access-control-allow-methods': 'PUT', 'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '' });
        res.end();
        return;
      }
      const p = pending.get(id);
      if (req.method !== 'PUT') return fail(req, res, 405, 'MethodNotAllowed', 'Relayed uploads take PUT');
      if (!p || p.expires < clock.now()) return fail(req, res, 404, 'NoSuchUpload', 'This upload URL is unknown, used or expired');
      const length = Number(req.headers['content-length']);
      if (req.headers['content-length'] === undefined || length !== p.size) {
        return fail(req, res, 400, 'IncompleteBody', `Expected ${p.size} bytes, the request announces ${req.headers['content-length'] ?? 'none'}`);
      }
      pending.delete(id);
      return relay(req, res, p);
    },
  };
}
