// Lint of hook configurations: patterns S3 accepts (or refuses with a bare message) that usually mean a mistake —
// an event name in another case or a shorthand, a URL-encoded prefix, a suffix without its dot, a URL on a port
// nothing listens on. Warns, never refuses. Pure except `probeUrl` (one TCP connect).
import { connect } from 'node:net';
import { SUPPORTED_EVENTS } from './types';

/** One warning about one hook. */
export interface LintWarning { hookId: string; field: 'events' | 'prefix' | 'suffix' | 'url'; message: string }

/** What lint looks at in a hook. */
export interface LintedHook { id: string; url: string; events: readonly string[]; prefix: string; suffix: string }

/** VK panel labels and other shorthands people type for S3 event names. */
const SHORTHANDS: Record<string, string> = {
  objectcreated: 's3:ObjectCreated:*', put: 's3:ObjectCreated:Put', putobject: 's3:ObjectCreated:Put',
  post: 's3:ObjectCreated:Post', copy: 's3:ObjectCreated:Copy', putobjectcopy: 's3:ObjectCreated:Copy',
  completemultipartupload: 's3:ObjectCreated:CompleteMultipartUpload', objectremoved: 's3:ObjectRemoved:*',
  delete: 's3:ObjectRemoved:Delete', deleteobject: 's3:ObjectRemoved:Delete', deletemarkercreated: 's3:ObjectRemoved:DeleteMarkerCreated',
};

/** The supported event name `name` was probably meant as (another case, no `s3:`, no `:*`, a VK label), or undefined. */
export function suggestEvent(name: string): string | undefined {
  if (SUPPORTED_EVENTS.includes(name)) return undefined;
  const lower = name.trim().toLowerCase();
  const bare = lower.replace(/^s3:/, '');
  return SUPPORTED_EVENTS.find((e) => e.toLowerCase() === lower || e.toLowerCase() === `s3:${bare}`
    || e.toLowerCase() === `s3:${bare}:*` || e.toLowerCase() === `s3:${bare.replace(/:all$/, ':*')}`)
    ?? SHORTHANDS[bare.replace(/^[a-z]+created:|^[a-z]+removed:/, '')] ?? SHORTHANDS[bare];
}

/** Decode `value` when it looks URL-encoded (`%2F`, `+` for a space); undefined when it does not. */
function decoded(value: string): string | undefined {
  if (!/%[0-9A-Fa-f]{2}/.test(value)) return undefined;
  try { return decodeURIComponent(value.replace(/\+/g, ' ')); } catch { return undefined; }
}

/** Warnings about one hook's events, prefix and suffix (no network). */
export function lintHook(h: LintedHook): LintWarning[] {
  const out: LintWarning[] = [];
  for (const e of h.events) {
    const meant = suggestEvent(e);
    if (meant) out.push({ hookId: h.id, field: 'events', message: `"${e}" is not an S3 event name (S3 refuses it); did you mean "${meant}"?` });
  }
  const prefix = decoded(h.prefix);
  if (prefix !== undefined) {
    out.push({ hookId: h.id, field: 'prefix', message: `The prefix "${h.prefix}" looks URL-encoded: S3 matches raw keys, so it only fires for keys containing "${h.prefix}" literally; did you mean "${prefix}"?` });
  }
  if (h.prefix.startsWith('/')) out.push({ hookId: h.id, field: 'prefix', message: `The prefix "${h.prefix}" starts with "/": S3 keys rarely do (the key of s3://b/a.txt is "a.txt")` });
  if (decoded(h.suffix) !== undefined) out.push({ hookId: h.id, field: 'suffix', message: `The suffix "${h.suffix}" looks URL-encoded: S3 matches raw keys; did you mean "${decoded(h.suffix)}"?` });
  if (/^[A-Za-z0-9]{2,5}$/.test(h.suffix)) {
    out.push({ hookId: h.id, field: 'suffix', message: `The suffix "${h.suffix}" has no dot: it also matches keys like "x${h.suffix}"; did you mean ".${h.suffix}"?` });
  }
  return out;
}

/** A warning when nothing listens on the URL's host and port (connection refused within `timeoutMs`), else undefined. */
export function probeUrl(h: Pick<LintedHook, 'id' | 'url'>, timeoutMs = 1000): Promise<LintWarning | undefined> {
  let url: URL;
  try { url = new URL(h.url); } catch { return Promise.resolve(undefined); }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const done = (w?: LintWarning) => { socket.destroy(); resolve(w); };
    socket.once('connect', () => done());
    socket.once('timeout', () => done());
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNREFUSED'
      ? { hookId: h.id, field: 'url', message: `Nothing listens on ${host}:${port} (connection refused): deliveries to ${h.url} will fail until a receiver runs there` }
      : undefined));
  });
}
