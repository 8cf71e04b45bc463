// Text a client sent outside the headers (a form field, a decoded query value) that goes back out in a response
// header. Control characters cannot be sent; other non-ASCII text goes out RFC 2047 encoded, as AWS returns
// non-ASCII metadata (Node writes header strings beyond ASCII inconsistently, so raw bytes are not an option).
import { S3Error } from '../s3-error';

function isPrintableAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c > 0x7e) return false;
  }
  return true;
}

function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

/** `value` as a header value; InvalidArgument naming `name` when it holds a control character. */
export function asHeaderText(value: string, name: string): string {
  if (isPrintableAscii(value)) return value;
  if (hasControl(value)) throw new S3Error('InvalidArgument', `${name} must not contain control characters.`, { ArgumentName: name });
  // compat: non-ASCII text from a form field or a response-* parameter comes back as one RFC 2047 encoded word.
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
