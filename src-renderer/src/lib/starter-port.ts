// Where the receiver starter listens: the hook's URL, unless that URL is BucketHooks' own (a loopback host on one of
// the server's ports, as the built-in inbox's is), which a receiver cannot bind: then its own URL on another port. Pure.

/** The port the starter receivers default to (their placeholder URL's). */
export const STARTER_DEFAULT_PORT = 8080;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1', '0.0.0.0']);

/** The URL the starter should listen on, and the server port it steered away from (null when the URL is kept). */
export interface StarterListen { url: string; serverPort: number | null }

/** The ports of `urls` (http(s), empty or unparsable ones skipped), for the server's own endpoint and UI URLs. */
export function portsOf(urls: readonly (string | null | undefined)[]): number[] {
  return urls.flatMap((u) => {
    try {
      const parsed = new URL(u ?? '');
      return [Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80))];
    } catch {
      return [];
    }
  });
}

/**
 * `url` when a receiver may listen there; when it is on a loopback host and one of `serverPorts`, the starter's own
 * `http://127.0.0.1:<port>/webhook` on the first port from 8080 up that the server does not use.
 */
export function starterListen(url: string, serverPorts: readonly number[]): StarterListen {
  let parsed: URL;
  try { parsed = new URL(url); } catch { return { url, serverPort: null }; }
  const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
  if (!LOOPBACK.has(parsed.hostname) || !serverPorts.includes(port)) return { url, serverPort: null };
  let free = STARTER_DEFAULT_PORT;
  while (serverPorts.includes(free)) free += 1;
  return { url: `http://127.0.0.1:${free}/webhook`, serverPort: port };
}
