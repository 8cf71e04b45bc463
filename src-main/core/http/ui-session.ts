// The browser UI's session cookie: the page's `?token=` is exchanged once for an HttpOnly, SameSite=Strict cookie, so
// no script (the app's or anything else's) can read a credential. Its value is derived from the token, so it survives
// restarts and dies with a rotation. One cookie name per app port: cookies ignore ports, two servers must not clash.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Cookies live at most 400 days in browsers; the token's rotation is what retires one. */
const MAX_AGE_S = 400 * 24 * 3600;

/** The cookie's name for the app listener on `port`. */
export function sessionCookieName(port: number): string {
  return `bh_ui_${port}`;
}

/** The session value a token grants: HMAC-SHA256 keyed by the token (the token itself never sits in the cookie). */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('buckethooks-ui-session').digest('base64url');
}

/** The `Set-Cookie` value that opens a session for `token` on the app listener at `port`. */
export function sessionSetCookie(port: number, token: string): string {
  return `${sessionCookieName(port)}=${sessionValue(token)}; Path=/; Max-Age=${MAX_AGE_S}; HttpOnly; SameSite=Strict`;
}

/** The `Set-Cookie` value that ends the session on the app listener at `port` (a stale link was opened). */
export function sessionEndCookie(port: number): string {
  return `${sessionCookieName(port)}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`;
}

/** The value of cookie `name` in a request's Cookie header, or undefined (RFC 6265 `name=value; …` pairs). */
export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const pair of (headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

/** Constant-time equality of two secrets (false for different lengths, which tells nothing about the content). */
export function secretEquals(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * True when a request may use the session cookie: a page of the app's own origin (fetch metadata same-origin or a
 * user's own navigation) or a client that sends no fetch metadata. A same-site page on another port (an object
 * served by the S3 listener) gets `same-site` and is refused even though the browser attached the cookie.
 */
export function cookieAllowed(headers: IncomingHttpHeaders): boolean {
  const site = headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}
