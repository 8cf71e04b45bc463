// Is a request's source address the address of a hook's receiver? IP literals compare directly (any loopback
// address counts as the same machine); host names are resolved once in the background and cached.
import { lookup } from 'node:dns';

const plain = (ip: string) => ip.replace(/^::ffff:/, '').replace(/^\[|\]$/g, '');
const isLoopback = (ip: string) => ip === '::1' || ip.startsWith('127.');

/** The resolver; `matches(url, ip)` answers from what it knows now (false for a name not resolved yet). */
export function createReceiverAddresses() {
  const resolved = new Map<string, string[] | 'pending'>();
  const addressesOf = (host: string): string[] => {
    if (host === 'localhost' || /^[\d.]+$/.test(host) || host.includes(':')) return [host === 'localhost' ? '127.0.0.1' : plain(host)];
    const known = resolved.get(host);
    if (known === undefined) {
      resolved.set(host, 'pending');
      lookup(host, { all: true }, (err, found) => resolved.set(host, err ? [] : found.map((a) => plain(a.address))));
    }
    return Array.isArray(known) ? known : [];
  };
  return {
    /** True when `sourceIp` is (one of) the address(es) of `url`'s host. */
    matches(url: string, sourceIp: string): boolean {
      let host: string;
      try { host = new URL(url).hostname; } catch { return false; }
      const ip = plain(sourceIp);
      return addressesOf(plain(host)).some((a) => a === ip || (isLoopback(a) && isLoopback(ip)));
    },
  };
}
