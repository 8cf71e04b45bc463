// Test helper: a stand-in S3 service that refuses like Ceph RGW does — an S3 error with an EMPTY message. It lists one
// bucket (`box`), answers GET ?notification with an empty configuration and refuses every PUT ?notification:
// MalformedXML for a VK SimpleTopicConfiguration document, InvalidArgument for anything else. No auth check.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const xml = (res: http.ServerResponse, status: number, body: string) =>
  res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': 'standin' }).end(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
const refuse = (res: http.ServerResponse, code: string) => xml(res, 400, `<Error><Code>${code}</Code><Message></Message><RequestId>standin</RequestId></Error>`);

/** Start the stand-in on 127.0.0.1:0; `puts` holds every PUT ?notification body it refused. */
export async function startSilentRefuser(): Promise<{ endpoint: string; puts: string[]; close(): Promise<void> }> {
  const puts: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && url.pathname === '/') {
        xml(res, 200, '<ListAllMyBucketsResult><Owner><ID>o</ID></Owner><Buckets><Bucket><Name>box</Name>'
          + '<CreationDate>2026-01-01T00:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>');
      } else if (url.searchParams.has('notification') && req.method === 'GET') {
        xml(res, 200, '<NotificationConfiguration/>');
      } else if (url.searchParams.has('notification') && req.method === 'PUT') {
        puts.push(body);
        refuse(res, body.includes('<SimpleTopicConfiguration>') ? 'MalformedXML' : 'InvalidArgument');
      } else {
        refuse(res, 'NotImplemented');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, puts,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
