// Parsing of XML that arrives in requests (S3 bodies, notification configurations): DOCTYPE and ENTITY
// declarations are refused up front, and every parser failure is one typed error, never a stray throw.
import type { XMLParser } from 'fast-xml-parser';

/** Why an untrusted XML document was refused; callers map it to their own MalformedXML error. */
export class UntrustedXmlError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UntrustedXmlError';
  }
}

const DECLARATION = /<!(?:DOCTYPE|ENTITY)/i;

/**
 * Parse `text` with `parser`. Refuses DOCTYPE/ENTITY declarations (no entity expansion, no external
 * references) and turns anything the parser throws (not well-formed, nesting deeper than its limit,
 * reserved names such as `__proto__`) into an UntrustedXmlError.
 */
export function parseUntrustedXml(parser: XMLParser, text: string): unknown {
  if (DECLARATION.test(text)) throw new UntrustedXmlError('DOCTYPE and entity declarations are not allowed');
  try {
    return parser.parse(text, true);
  } catch (err) {
    throw new UntrustedXmlError('not well-formed', { cause: err });
  }
}
