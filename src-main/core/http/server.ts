// The S3 listener of a core: /_inbox (built-in receiver), the SNS signing certificate, /_upload (uploads relayed to remote profiles) and
// everything else to the S3 endpoint. The UI and the app API live on the app listener (app-server.ts), an origin
// that object responses never share; an old /_ui link here is redirected there. Owns no behaviour of its own.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../kernel/logger';
import type { Inbox } from '../inbox/create-inbox';
import type { HttpHandler } from '../kernel/http-handler';
import type { S3Listener } from '../s3/http-handler';
import { RELAY_PREFIX, type UploadRelay } from '../remote/upload-relay';
import { SNS_CERT_PATH } from '../payloads/aws-flavours';
import { createHttpListener, type HttpListener } from './listener';

export interface ServerDeps {
  s3: S3Listener;
  inbox: Inbox;
  /** Relayed uploads to remote profiles (/_upload/<id>). */
  uploads: Pick<UploadRelay, 'handle'>;
  /** The app listener's origin (`http://host:port`), where /_ui links are sent; unknown until it listens. */
  appOrigin: () => string | undefined;
  logger: Logger;
  /** The SNS signing certificate (PEM) served at SigningCertURL, when there is one. */
  snsCertificate?: string;
}

/** True when the Host names the endpoint itself (an IP or bare localhost), not a virtual-hosted bucket. */
export function isEndpointHost(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || /^[\d.]+$/.test(name) || name.includes(':');
}

/** 308 to the same path and query on the app listener (bookmarks of the UI from before it moved there). */
function redirectToApp(origin: string, req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  res.writeHead(308, { location: `${origin}${req.url ?? '/'}`, 'content-length': 0, 'cache-control': 'no-store' });
  res.end();
}

/** Answer the SNS certificate as PEM (what AWS's SigningCertURL serves). */
function servePem(res: ServerResponse, pem: string): void {
  res.writeHead(200, { 'content-type': 'application/x-pem-file', 'content-length': Buffer.byteLength(pem), 'cache-control': 'max-age=3600' });
  res.end(pem);
}

/** Create the S3 listener; call `listen`. */
export function createServer(deps: ServerDeps): HttpListener {
  /** The handler of an app path (inbox, SNS certificate, relay, old UI link), or undefined for the S3 endpoint. */
  function appHandler(req: IncomingMessage): HttpHandler | undefined {
    const path = req.url ?? '/';
    if (!path.startsWith('/_') || !isEndpointHost(req.headers.host)) return undefined;
    if (path.startsWith('/_inbox/')) return (q, r) => deps.inbox.handle(q, r);
    if (path === SNS_CERT_PATH && deps.snsCertificate) return (_q, r) => servePem(r, deps.snsCertificate ?? '');
    if (path.startsWith(RELAY_PREFIX)) return (q, r) => deps.uploads.handle(q, r);
    const app = deps.appOrigin();
    if ((path === '/_ui' || path.startsWith('/_ui/') || path.startsWith('/_ui?')) && app) return (q, r) => redirectToApp(app, q, r);
    return undefined;
  }

  const route: HttpHandler = (req, res) => (appHandler(req) ?? deps.s3)(req, res);
  // Expect: 100-continue — S3 sends 100 Continue only once the request is authenticated; app paths at once.
  const checkContinue: HttpHandler = (req, res) => {
    const app = appHandler(req);
    if (!app) return deps.s3.checkContinue(req, res);
    res.writeContinue();
    return app(req, res);
  };
  return createHttpListener({ route, checkContinue }, deps.logger.child('http'));
}
