// Renders S3 error documents: `<Error><Code/><Message/><Resource/><RequestId/>…</Error>`. Anything that
// is not an S3Error becomes a generic 500 InternalError; its details go to the log, never to the client.
import { S3Error } from '../s3-error';

/** XML-escape text content. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Normalise any thrown value to an S3Error (unknown errors → InternalError). */
export function toS3Error(err: unknown): S3Error {
  if (err instanceof S3Error) return err;
  return new S3Error('InternalError', 'We encountered an internal error. Please try again.');
}

/** The XML body of an error response. */
export function renderErrorXml(err: S3Error, resource: string, requestId: string, hostId: string): string {
  let extra = '';
  for (const [name, value] of Object.entries(err.extra)) extra += `<${name}>${escapeXml(value)}</${name}>`;
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message>`
    + `<Resource>${escapeXml(resource)}</Resource><RequestId>${requestId}</RequestId>${extra}<HostId>${escapeXml(hostId)}</HostId></Error>`;
}
