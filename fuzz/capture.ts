// `npm run fuzz:capture`: records the traffic of real clients (the AWS SDK, awscli, s3cmd, boto3, rclone, the app
// API and inbox senders) against the headless server through a recording proxy, into fuzz/traffic.jsonl, the
// corpus `npm run fuzz` mutates. Re-run it when the clients or the protocol change; the file is committed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { portFor, serveCore, type ServedCore } from './serve';
import { saveCorpus, type CapturedRequest } from './wire';
import { runClients } from './clients';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const OUT = join(import.meta.dirname, 'traffic.jsonl');

/** A proxy to the server (each path to its listener) that records every request (raw headers in order, body bytes) under the current client name. */
function recordingProxy(server: Pick<ServedCore, 'port' | 'appPort'>, recorded: CapturedRequest[], client: () => string): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: [string, string][] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
      const body = Buffer.concat(chunks);
      recorded.push({ client: client(), method: req.method ?? 'GET', target: req.url ?? '/', headers, body, chunked: req.headers['transfer-encoding'] !== undefined });
      const upstream = http.request({ host: '127.0.0.1', port: portFor(server, req.url ?? '/'), method: req.method, path: req.url, headers: req.rawHeaders }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
}

const server = await serveCore();
const recorded: CapturedRequest[] = [];
let current = 'setup';
const proxy = recordingProxy(server, recorded, () => current);
await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
try {
  await runClients(endpoint, server.token, (name) => { current = name; process.stdout.write(`capturing ${name}…\n`); });
  saveCorpus(OUT, recorded);
  const byClient = new Map<string, number>();
  for (const r of recorded) byClient.set(r.client, (byClient.get(r.client) ?? 0) + 1);
  process.stdout.write(`${recorded.length} requests → ${OUT}\n${[...byClient].map(([c, n]) => `  ${c}: ${n}`).join('\n')}\n`);
} finally {
  proxy.closeAllConnections();
  proxy.close();
  await server.stop();
}
