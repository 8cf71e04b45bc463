// Who may post to the built-in inbox: webhook senders are servers, which send no Origin and no Sec-Fetch-Site.
// A web page in the user's browser always sends one of them, so it is refused unless it is our own UI.
import type { IncomingMessage } from 'node:http';

/** Why a request is refused as coming from a web page, or undefined when it may be captured. */
export function pageRefusal(req: IncomingMessage): string | undefined {
  const ownOrigin = `http://${req.headers.host ?? ''}`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== ownOrigin) {
    return `requests from web pages (Origin ${origin}) are refused: the inbox is for webhook senders`;
  }
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    return `requests from web pages (Sec-Fetch-Site ${site}) are refused: the inbox is for webhook senders`;
  }
  return undefined;
}
