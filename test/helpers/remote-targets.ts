// Test helper: remotes that misbehave in one way each, all real sockets on 127.0.0.1:0 — an HTTPS reverse proxy
// with a self-signed certificate (made with openssl) in front of a core, a host that accepts and never answers, a
// web server that is not S3, a closed port, and s3rver (S3 without ?notification).
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import S3rver from 's3rver';
import { tempDir } from './temp-dir';

export interface Target { endpoint: string; close(): Promise<void> }

const closeServer = (server: net.Server) => new Promise<void>((resolve) => {
  (server as http.Server).closeAllConnections?.();
  server.close(() => resolve());
});
const listen = async (server: net.Server, scheme: string): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** A self-signed certificate for 127.0.0.1 (key and cert PEM). */
export function selfSignedCert(): { key: string; cert: string } {
  const dir = tempDir('bh-cert-');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** HTTPS (self-signed) in front of the plain-HTTP `upstream`; requests are passed on unchanged (Host included). */
export async function startTlsProxy(upstream: string): Promise<Target> {
  const up = new URL(upstream);
  const server = https.createServer(selfSignedCert(), (req, res) => {
    const out = http.request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  return { endpoint: await listen(server, 'https'), close: () => closeServer(server) };
}

/** A host that accepts connections and never answers. */
export async function startSlowHost(): Promise<Target> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => { sockets.add(socket); socket.on('error', () => {}); });
  const endpoint = await listen(server, 'http');
  return { endpoint, close: () => { for (const s of sockets) s.destroy(); return closeServer(server); } };
}

/** A web server that answers everything with an HTML page (200). */
export async function startNotS3(): Promise<Target> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><h1>Welcome</h1>'));
  return { endpoint: await listen(server, 'http'), close: () => closeServer(server) };
}

/** An endpoint on which nothing listens. */
export async function closedEndpoint(): Promise<string> {
  const server = net.createServer();
  const endpoint = await listen(server, 'http');
  await closeServer(server);
  return endpoint;
}

/** s3rver on a temp dir, with its fixed keys. */
export async function startS3rver(): Promise<Target & { accessKey: string; secretKey: string }> {
  const dir = tempDir('bh-s3rver-');
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`, accessKey: 'S3RVER', secretKey: 'S3RVER',
    async close() { await server.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}
