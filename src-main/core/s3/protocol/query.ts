// Parses a raw query string once into a plain record (form decoding: `+` is a space), the shape both the
// SigV4 canonical query and the auth parameters read from. Linear in the query length, repeats included.

/** Decoded query parameters; repeated names collect into arrays. */
export type QueryRecord = Record<string, string | string[]>;

function decodePart(s: string): string {
  const plus = s.includes('+') ? s.replace(/\+/g, ' ') : s;
  if (!plus.includes('%')) return plus;
  try { return decodeURIComponent(plus); } catch { return plus; }
}

/** Parse `a=1&b&c=%20` (without the leading `?`). */
export function parseQuery(raw: string): QueryRecord {
  const out: QueryRecord = Object.create(null) as QueryRecord;
  if (!raw) return out;
  for (const pair of raw.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decodePart(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodePart(pair.slice(eq + 1));
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[key] = [prev, value];
  }
  return out;
}

/** The first value of `name`, if present. */
export function queryValue(query: QueryRecord, name: string): string | undefined {
  const v = query[name];
  return Array.isArray(v) ? v[0] : v;
}
