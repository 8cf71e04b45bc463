// What to tell a user about a remote service's refusal: the request described when the service sent no message
// (Ceph RGW sends empty ones), and one hint where the cause is known — VK's dialect on a service without it, a topic
// ARN needed instead of a URL, a URL handshake the service could not complete. Pure: no I/O.

/** The request a refusal answered, as far as the message needs it. */
export interface RefusedRequest {
  method: string;
  /** The subresource, e.g. `notification` (none for object and bucket calls). */
  subresource?: string;
  /** The XML body that was sent, if any. */
  body?: string;
}

const count = (body: string, element: string) => body.split(`<${element}>`).length - 1;

/** One line naming what was sent: `PUT ?notification with 1 VK SimpleTopicConfiguration hook`. */
export function describeRequest(request: RefusedRequest): string {
  const what = `${request.method}${request.subresource ? ` ?${request.subresource}` : ''}`;
  const body = request.body ?? '';
  const parts = [['VK SimpleTopicConfiguration', count(body, 'SimpleTopicConfiguration')],
    ['AWS TopicConfiguration', count(body, 'TopicConfiguration')], ['AWS QueueConfiguration', count(body, 'QueueConfiguration')],
    ['AWS CloudFunctionConfiguration', count(body, 'CloudFunctionConfiguration')]] as const;
  const hooks = parts.filter(([, n]) => n > 0).map(([name, n]) => `${n} ${name} hook${n === 1 ? '' : 's'}`);
  if (request.subresource === 'notification' && request.method === 'PUT') {
    return `${what} with ${hooks.length ? hooks.join(' and ') : 'no hooks (an empty configuration)'}`;
  }
  return what;
}

const HANDSHAKE_WORDS = /signature|handshake|confirm|unreachable|timed? ?out|did not answer|answered|refused/i;
const URL_TOPIC = /<TopicConfiguration>(?:(?!<\/TopicConfiguration>)[\s\S])*<Topic>\s*https?:\/\//;

/** The one hint known for this refusal, or undefined. */
export function refusalHint(code: string, message: string, request: RefusedRequest): string | undefined {
  if (request.subresource !== 'notification' || request.method !== 'PUT') return undefined;
  const body = request.body ?? '';
  const vk = body.includes('<SimpleTopicConfiguration>');
  if (vk && code === 'MalformedXML') {
    return 'this service does not take VK\'s SimpleTopicConfiguration: write the hooks in the AWS dialect (TopicConfiguration) — Ceph RGW, MinIO and AWS accept only that';
  }
  if (code === 'InvalidArgument' && URL_TOPIC.test(body) && (message === '' || (/arn|topic/i.test(message) && !HANDSHAKE_WORDS.test(message)))) {
    return 'this service needs a topic ARN (arn:…:sns:…, a topic created through its SNS-compatible API) as the target, not a URL';
  }
  if (code === 'InvalidArgument' && (HANDSHAKE_WORDS.test(message) || (message === '' && vk))) {
    return 'the service could not complete the URL handshake: the receiver must be reachable from the service and answer VK\'s SubscriptionConfirmation with {"signature": …} (README: URL confirmation)';
  }
  return undefined;
}

/** The user's line for a refusal: `Code: message` (or what was asked when the message is empty) and the hint. */
export function refusalLine(code: string, message: string, request?: RefusedRequest): string {
  const said = message.trim() !== '' ? message.trim()
    : `the service sent no message${request ? `; the request was ${describeRequest(request)}` : ''}`;
  const hint = request ? refusalHint(code, message.trim(), request) : undefined;
  return `${code}: ${said}${hint ? `. Hint: ${hint}` : ''}`;
}
