// BucketHooks starter receiver for Node (node:http, no dependencies): answers VK's URL handshake and
// accepts only deliveries whose Standard Webhooks signature is valid and fresh.
// Run: HOOK_URL=http://127.0.0.1:8080/webhook HOOK_SECRET=whsec_... node receiver.mjs   (PORT overrides the URL's port)
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const HOOK_URL = process.env.HOOK_URL || "http://127.0.0.1:8080/webhook";
const HOOK_SECRET = process.env.HOOK_SECRET || "whsec_PASTE_THE_HOOK_SECRET";
const TOLERANCE_SECONDS = 5 * 60; // the Standard Webhooks window for webhook-timestamp
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const url = new URL(HOOK_URL);
const port = Number(process.env.PORT || url.port || 8080);
const base64 = HOOK_SECRET.replace(/^whsec_/, '');
if (!HOOK_SECRET.startsWith('whsec_') || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
  console.error('Set HOOK_SECRET to the hook\'s secret: whsec_ followed by base64');
  process.exit(1);
}
const key = Buffer.from(base64, 'base64');

/** VK's handshake answer: HMAC chain Token → Timestamp → TopicArn → the hook URL, hex at the end. */
function handshakeSignature({ Token, Timestamp, TopicArn }) {
  const k1 = createHmac('sha256', Token).update(Timestamp).digest();
  const k2 = createHmac('sha256', k1).update(TopicArn).digest();
  return createHmac('sha256', k2).update(HOOK_URL).digest('hex');
}

/** Why the delivery's signature headers do not prove it came from the hook now, or null when they do. */
function signatureProblem(headers, body) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) return 'missing webhook-id, webhook-timestamp or webhook-signature';
  const now = Math.floor(Date.now() / 1000);
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp)) return 'webhook-timestamp is not a number';
  if (now - seconds > TOLERANCE_SECONDS) return 'timestamp too old';
  if (seconds - now > TOLERANCE_SECONDS) return 'timestamp too new';
  const expected = Buffer.from(createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64'));
  for (const candidate of signatures.split(' ')) {
    const [version, value = ''] = candidate.split(',');
    const given = Buffer.from(value);
    if (version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected)) return null;
  }
  return 'no matching signature';
}

function answer(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function handle(req, res, body) {
  if (req.method !== 'POST' || new URL(req.url, HOOK_URL).pathname !== url.pathname) return answer(res, 404, { error: 'not here' });
  if (String(req.headers['x-amz-sns-message-type']).toLowerCase() === 'subscriptionconfirmation') {
    const message = JSON.parse(body.toString('utf8'));
    console.log(`handshake ${message.TopicArn}`);
    return answer(res, 200, { signature: handshakeSignature(message) });
  }
  const problem = signatureProblem(req.headers, body);
  if (problem) {
    console.log(`rejected ${req.headers['webhook-id'] ?? '-'}: ${problem}`);
    return answer(res, 401, { error: problem });
  }
  for (const record of JSON.parse(body.toString('utf8')).Records ?? []) {
    // Keys arrive form-URL-encoded (a space is "+"), as S3 sends them.
    const objectKey = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    console.log(`record ${record.eventName} ${objectKey}`);
  }
  answer(res, 200, { ok: true });
}

createServer((req, res) => {
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > MAX_BODY_BYTES) return answer(res, 413, { error: 'body too large' });
    try {
      handle(req, res, Buffer.concat(chunks));
    } catch (err) {
      answer(res, 400, { error: String(err) });
    }
  });
}).listen(port, '127.0.0.1', () => console.log(`listening on ${HOOK_URL} (port ${port})`));
