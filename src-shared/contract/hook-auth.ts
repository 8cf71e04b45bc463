// Delivery auth a hook adds to every request (custom headers, a bearer token or basic auth): what the app API takes,
// what it shows back (names only: no secret is ever read back) and the checks both sides apply. Data and pure checks.

/** One custom header. */
export interface AuthHeader { name: string; value: string }

/** The auth a hook sends on every attempt, replay and test event. */
export interface HookAuth {
  headers: AuthHeader[];
  /** `Authorization: Bearer <token>`. */
  bearerToken: string | null;
  /** `Authorization: Basic base64(user:password)`. */
  basic: { user: string; password: string } | null;
}

/** What the app API shows of a hook's auth: header names, whether a token is set, the basic-auth user. */
export interface HookAuthView { headers: string[]; bearer: boolean; basicUser: string | null }

/** No auth. */
export const NO_AUTH: HookAuth = { headers: [], bearerToken: null, basic: null };

/** Headers a hook may not set: they belong to the request itself or to BucketHooks' own signature. */
const RESERVED = new Set(['host', 'content-length', 'content-type', 'transfer-encoding', 'connection', 'user-agent',
  'webhook-id', 'webhook-timestamp', 'webhook-signature', 'x-bz-event-notification-signature']);
/** Headers about the connection, not the message: the HTTP client manages them (and refuses them as request headers). */
const HOP_BY_HOP = new Set(['keep-alive', 'upgrade', 'expect', 'te', 'trailer', 'proxy-connection']);

/** Why `auth` cannot be saved, or null. */
export function authProblem(auth: HookAuth): string | null {
  for (const h of auth.headers) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/.test(h.name)) return `header name "${h.name.slice(0, 64)}" is not a valid HTTP header name`;
    if (RESERVED.has(h.name.toLowerCase())) return `header ${h.name} is set by BucketHooks itself`;
    if (HOP_BY_HOP.has(h.name.toLowerCase())) return `header ${h.name} is about the connection, which BucketHooks' HTTP client manages`;
    if (h.name.toLowerCase() === 'authorization' && (auth.bearerToken || auth.basic)) return 'an Authorization header cannot go with a bearer token or basic auth';
    if (/[\r\n\0]/.test(h.value) || h.value.length > 4096) return `header ${h.name}: the value has a line break or is over 4096 characters`;
  }
  if (auth.bearerToken !== null && !/^[\x21-\x7e]{1,4096}$/.test(auth.bearerToken)) return 'bearer token: printable ASCII without spaces, at most 4096 characters';
  if (auth.bearerToken && auth.basic) return 'choose a bearer token or basic auth, not both';
  if (auth.basic && (auth.basic.user.includes(':') || /[\r\n\0]/.test(auth.basic.user + auth.basic.password))) {
    return 'basic auth: the user may not contain ":" and neither part a line break';
  }
  return null;
}

/** What the API shows of `auth`. */
export function authView(auth: HookAuth | null): HookAuthView {
  return { headers: (auth?.headers ?? []).map((h) => h.name), bearer: Boolean(auth?.bearerToken), basicUser: auth?.basic?.user ?? null };
}
