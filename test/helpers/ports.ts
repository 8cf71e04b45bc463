// Test helper: THE closed-port helper — a loopback port nothing listens on (it was free a moment ago), for
// "connection refused" cases and for servers that must start on a port chosen before them.
import { createServer } from 'node:net';

/** A port on 127.0.0.1 that the OS just handed out and that nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A URL on which nothing listens (connection refused). */
export async function refusedUrl(path = '/hook'): Promise<string> {
  return `http://127.0.0.1:${await freePort()}${path}`;
}
