// Headers that keep an object from acting as a page: a browser opening an object the client uploaded (HTML, SVG, XML,
// text, an unknown type) runs it in a sandbox with an opaque origin (no script, no forms, no storage, no cookies) and
// never sniffs it into another type. Pure: the caller adds them to GetObject/HeadObject answers.

/** Types a browser shows as media or downloads, never as a document that could run script. */
function isInert(contentType: string): boolean {
  const type = contentType.split(';')[0].trim().toLowerCase();
  const [major, minor = ''] = type.split('/');
  if (minor.endsWith('octet-stream')) return true;
  if (major === 'image') return minor !== '' && !minor.includes('svg') && !minor.includes('xml');
  return (major === 'audio' || major === 'video' || major === 'font') && minor !== '';
}

/**
 * compat: `Content-Security-Policy: sandbox` and `X-Content-Type-Options: nosniff` on object answers of every type a
 * browser may render as a document (anything but images, audio, video, fonts and octet streams), as object stores
 * serving user content do; AWS sends neither.
 */
export function userContentHeaders(contentType: string | number | undefined): Record<string, string> | undefined {
  if (typeof contentType === 'string' && isInert(contentType)) return undefined;
  return { 'content-security-policy': 'sandbox', 'x-content-type-options': 'nosniff' };
}
