// The SNS side of a check run: a loopback HTTP server, up for the run only, serving the signing certificate at the
// SigningCertURL path and recording visits of the SubscribeURLs the subscription case hands out (by Token).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SNS_CERT_PATH } from '../payloads/aws-flavours';

/** The path of the SubscribeURLs the check hands out (`?Token=…`). */
const SUBSCRIBE_PATH = '/_sns/confirm-subscription';

/** The running endpoint. */
export interface SnsEndpoint {
  /** `http://127.0.0.1:<port>`: SigningCertURL and SubscribeURL start with it. */
  publicBase: string;
  /** The SubscribeURL that confirms `token`. */
  subscribeUrl(token: string): string;
  /** Whether `token`'s SubscribeURL was visited, waiting up to `ms` for it. */
  visited(token: string, ms: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Start the endpoint serving `certificatePem`. */
export async function startSnsEndpoint(certificatePem: string): Promise<SnsEndpoint> {
  const visits = new Set<string>();
  const waiting = new Map<string, () => void>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === SNS_CERT_PATH) {
      res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(certificatePem);
      return;
    }
    const token = url.searchParams.get('Token');
    if (req.method === 'GET' && url.pathname === SUBSCRIBE_PATH && token) {
      visits.add(token);
      waiting.get(token)?.();
      res.writeHead(200, { 'content-type': 'text/xml' }).end('<ConfirmSubscriptionResponse><ConfirmSubscriptionResult>'
        + '<SubscriptionArn>arn:aws:sns:us-east-1:buckethooks-check:buckethooks-check:confirmed</SubscriptionArn>'
        + '</ConfirmSubscriptionResult></ConfirmSubscriptionResponse>');
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const publicBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    publicBase,
    subscribeUrl: (token) => `${publicBase}${SUBSCRIBE_PATH}?Action=ConfirmSubscription&TopicArn=buckethooks-check&Token=${encodeURIComponent(token)}`,
    visited(token, ms) {
      if (visits.has(token)) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => { waiting.delete(token); resolve(false); }, ms);
        waiting.set(token, () => { clearTimeout(timer); waiting.delete(token); resolve(true); });
      });
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
