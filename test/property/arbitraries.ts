// Shared ground of the property tests: run counts, arbitraries for hostile text (escape fragments, separators,
// control bytes, any code point) and the "throws nothing but the module's own error" check.
import fc from 'fast-check';

/** Runs per property in `npm test` (a few hundred; FC_RUNS overrides, e.g. for a long local run). */
export const RUNS = Number(process.env.FC_RUNS ?? 300);

/** Pieces that trip parsers: escapes (valid, truncated, invalid UTF-8), separators, traversal, markup. */
const FRAGMENTS = ['%', '%2', '%E0', '%E0%A4', '%C3%A9', '%2F', '%25', '%00', '%FF', '+', '&', '=', '?', '/', '//', '..',
  '\\', ';', ',', ':', '"', "'", '<', '>', '&amp;', '\r\n', '\0', ' ', '\t', '\u2028', '\uFEFF', '\uD800', '\uDFFF', '__proto__', 'constructor'];

/** Any code point (well-formed UTF-16), any byte-range character, or a mix with the fragments above. */
export const hostileText = (maxLength = 40): fc.Arbitrary<string> => fc.oneof(
  fc.string({ unit: 'binary', maxLength }),
  fc.string({ unit: 'binary-ascii', maxLength }),
  fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'grapheme-ascii', maxLength: 3 })), { maxLength })
    .map((parts) => parts.join('')),
);

/** Run `fn`; rethrow anything that is not an instance of `allowed` (the module's own typed error). */
export async function onlyThrows(allowed: abstract new (...args: never[]) => Error, fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof allowed)) throw err;
  }
}

/** AWS's URI encoding of one path segment or query part (RFC 3986 unreserved kept). */
export function awsEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
