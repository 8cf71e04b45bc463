// XML helpers of the S3 endpoint: render response documents (namespace, escaping) and parse request bodies.
// Shared by every operation; holds no S3 semantics of its own.
import type { Readable } from 'node:stream';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { S3Error } from './s3-error';
import { parseUntrustedXml } from '../kernel/untrusted-xml';
import type { S3Response } from './types';

/** The S3 document namespace. */
export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** A value renderable as XML: nested objects become elements, arrays repeat their element, undefined is skipped. */
export type XmlValue = string | number | boolean | undefined | XmlNode | XmlValue[];
export interface XmlNode { [name: string]: XmlValue }

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: true });

/** Render `<root xmlns="…">…</root>` with the XML declaration. */
export function renderXml(root: string, body: XmlNode, xmlns: string | null = S3_XMLNS): string {
  const node: XmlNode = xmlns ? { '@_xmlns': xmlns, ...body } : body;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: node }) as string}`;
}

/** An S3Response carrying an XML document. */
export function xmlResponse(root: string, body: XmlNode, status = 200, headers: Record<string, string | number> = {}): S3Response {
  return { status, headers: { 'content-type': 'application/xml', ...headers }, body: renderXml(root, body) };
}

/**
 * Parse an XML request body into plain objects (text values kept as strings, untrimmed).
 * `arrays` names elements that are always returned as arrays. Malformed input, a DOCTYPE, nesting past
 * the parser's limit or a reserved element name such as `__proto__` → MalformedXML.
 */
export function parseXml(text: string, arrays: readonly string[] = []): Record<string, unknown> {
  const parser = new XMLParser({
    ignoreAttributes: true, parseTagValue: false, trimValues: false, removeNSPrefix: true,
    isArray: (name) => arrays.includes(name),
  });
  try {
    const parsed = parseUntrustedXml(parser, text);
    if (!parsed || typeof parsed !== 'object') throw new Error('empty');
    return parsed as Record<string, unknown>;
  } catch {
    throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
  }
}

/** MalformedXML: the body is not the document S3 expects. */
export const malformedXml = () =>
  new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');

/** A parsed element's text, undefined when absent; an element that holds elements instead of text is MalformedXML. */
export function textOf(value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw malformedXml();
}

const tooBig = () => new S3Error('MaxMessageLengthExceeded', 'Your request was too big.');

/**
 * Read a whole (small) request body as UTF-8. Over `limit` bytes (declared in `contentLength` or counted)
 * → MaxMessageLengthExceeded, leaving the stream undestroyed so the protocol layer can answer and drain it.
 */
export async function readBodyText(body: Readable, limit = 1024 * 1024, contentLength?: number): Promise<string> {
  if (contentLength !== undefined && contentLength > limit) throw tooBig();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body.iterator({ destroyOnReturn: false })) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > limit) throw tooBig();
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** S3 timestamps in XML: ISO 8601 with milliseconds and Z. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
