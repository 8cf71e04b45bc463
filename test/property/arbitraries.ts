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

/** Markup pieces for text content: entities (known, numeric, unknown), CDATA, comments, processing instructions. */
const MARKUP_TEXT = ['&amp;', '&lt;', '&#x41;', '&#65;', '&bogus;', '<![CDATA[x<y]]>', '<!-- c -->', '<?pi x?>', ' ', ''];

/**
 * A random element tree over `names` (an S3 body's vocabulary plus reserved and prototype names), with text from
 * `texts`, markup and hostile text; well-formed or nearly, as a client might send it.
 */
export function xmlDocument(names: readonly string[], texts: readonly string[]): fc.Arbitrary<string> {
  const all = [...names, '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'x:Key', '#text', ':@'];
  const node: fc.Arbitrary<string> = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true },
      fc.oneof(fc.constantFrom(...texts, ...MARKUP_TEXT), hostileText(12)),
      fc.tuple(fc.constantFrom(...all), fc.array(tie('node'), { maxLength: 4 }), fc.boolean())
        .map(([name, children, attr]) => `<${name}${attr ? ' xmlns="http://s3.amazonaws.com/doc/2006-03-01/" a="1"' : ''}>${children.join('')}</${name}>`),
    ),
  })).node;
  const deep = fc.tuple(fc.constantFrom(...names), fc.integer({ min: 1, max: 3000 }))
    .map(([name, n]) => `<${names[0]}>${`<${name}>`.repeat(n)}${`</${name}>`.repeat(n)}</${names[0]}>`);
  return fc.oneof(hostileText(200), node, node.map((e) => `<?xml version="1.0"?>${e}`), deep,
    node.map((e) => `<!DOCTYPE x [<!ENTITY a "b">]>${e}`),
    fc.array(node, { maxLength: 5 }).map((children) => `<${names[0]}>${children.join('')}</${names[0]}>`));
}

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
