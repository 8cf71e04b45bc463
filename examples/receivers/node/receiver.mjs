// BucketHooks starter receiver for Node (node:http, no dependencies): answers VK's URL handshake and accepts only
// deliveries it can verify: Standard Webhooks (fresh), AWS SNS (RSA, certificate from a trusted SigningCertURL) or B2 (v1=).
// Run: HOOK_URL=http://127.0.0.1:8080/webhook HOOK_SECRET=whsec_... node receiver.mjs   (PORT overrides the URL's port)
// SNS_CERT_URL_PREFIXES: comma-separated URL prefixes trusted for SigningCertURL besides AWS's own
// (https://sns.<region>.amazonaws.com/...pem), e.g. http://127.0.0.1:9000/_sns/ for a local BucketHooks endpoint.
import { createHmac, createVerify, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const HOOK_URL = process.env.HOOK_URL || "http://127.0.0.1:8080/webhook";
const HOOK_SECRET = process.env.HOOK_SECRET || "whsec_PASTE_THE_HOOK_SECRET";
const TOLERANCE_SECONDS = 5 * 60; // the Standard Webhooks window for webhook-timestamp
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const SNS_CERT_URL_PREFIXES = (process.env.SNS_CERT_URL_PREFIXES || '').split(',').map((p) => p.trim()).filter(Boolean)
  .map((p) => (p.endsWith('/') ? p : `${p}/`));

const url = new URL(HOOK_URL);
const port = Number(process.env.PORT || url.port || 8080);
const base64 = HOOK_SECRET.replace(/^whsec_/, '');
if (HOOK_SECRET.startsWith('whsec_') && !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
  console.error('Set HOOK_SECRET to the hook\'s secret: whsec_ followed by base64 (or a B2 secret)');
  process.exit(1);
}
// A secret without whsec_ (B2's kind) still checks B2's v1= signature; Standard Webhooks deliveries then get 401.
const key = HOOK_SECRET.startsWith('whsec_') ? Buffer.from(base64, 'base64') : null;

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
  if (!key) return 'HOOK_SECRET is not a whsec_ secret';
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

/** The fields SNS signs for each message type, in AWS's documented order (Subject only when the message has one). */
const SNS_SIGNED_FIELDS = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};
const SNS_ALGORITHMS = { 1: 'RSA-SHA1', 2: 'RSA-SHA256' };
const snsCertificates = new Map(); // SigningCertURL -> PEM, fetched once

/** Whether a SigningCertURL may be fetched: AWS's SNS hosts over https, or a prefix in SNS_CERT_URL_PREFIXES. */
function trustedCertUrl(raw) {
  let certUrl;
  try { certUrl = new URL(raw); } catch { return false; }
  if (certUrl.protocol === 'https:' && !certUrl.port && /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(certUrl.hostname)
    && certUrl.pathname.endsWith('.pem')) return true;
  return SNS_CERT_URL_PREFIXES.some((prefix) => certUrl.href.startsWith(prefix));
}

/** Why an SNS message's signature does not verify with its SigningCertURL's certificate, or null when it does. */
async function snsProblem(message, headerType) {
  const fields = SNS_SIGNED_FIELDS[message.Type];
  if (!fields) return `unknown message Type ${message.Type}`;
  if (headerType !== message.Type) return 'x-amz-sns-message-type differs from the message Type';
  const algorithm = SNS_ALGORITHMS[message.SignatureVersion];
  if (!algorithm) return `unknown SignatureVersion ${message.SignatureVersion}`;
  if (!trustedCertUrl(message.SigningCertURL)) return `SigningCertURL ${message.SigningCertURL} is not trusted (see SNS_CERT_URL_PREFIXES)`;
  if (fields.some((f) => f !== 'Subject' && typeof message[f] !== 'string')) return 'a signed field is missing';
  if (!snsCertificates.has(message.SigningCertURL)) {
    const res = await fetch(message.SigningCertURL);
    if (!res.ok) return `SigningCertURL answered HTTP ${res.status}`;
    snsCertificates.set(message.SigningCertURL, await res.text());
  }
  const canonical = fields.filter((f) => typeof message[f] === 'string').map((f) => `${f}\n${message[f]}\n`).join('');
  const valid = createVerify(algorithm).update(canonical, 'utf8').verify(snsCertificates.get(message.SigningCertURL), String(message.Signature), 'base64');
  return valid ? null : 'the signature does not verify';
}

/** Why B2's X-Bz-Event-Notification-Signature is not v1=<hex HMAC-SHA256 of the body keyed by HOOK_SECRET>, or null. */
function b2Problem(header, body) {
  const expected = Buffer.from(createHmac('sha256', HOOK_SECRET).update(body).digest('hex'));
  for (const candidate of header.split(',')) {
    const [version, value = ''] = candidate.trim().split('=');
    const given = Buffer.from(value.toLowerCase());
    if (version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected)) return null;
  }
  return 'no matching v1 signature';
}

/** Print each S3 record of a delivery body. */
function printRecords(records) {
  for (const record of records ?? []) {
    // Keys arrive form-URL-encoded (a space is "+"), as S3 sends them.
    const objectKey = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    console.log(`record ${record.eventName} ${objectKey}`);
  }
}

/** An SNS message (its signature verified first): confirm a subscription, or print a Notification's S3 records. */
async function handleSns(req, res, message) {
  const problem = await snsProblem(message, req.headers['x-amz-sns-message-type']);
  if (problem) {
    console.log(`rejected sns ${message.MessageId ?? '-'}: ${problem}`);
    return answer(res, 403, { error: problem });
  }
  if (message.Type === 'SubscriptionConfirmation') {
    const visit = await fetch(message.SubscribeURL);
    await visit.text();
    if (!visit.ok) return answer(res, 502, { error: `SubscribeURL answered HTTP ${visit.status}` });
    console.log(`subscribed ${message.TopicArn}`);
  } else if (message.Type === 'UnsubscribeConfirmation') {
    console.log(`unsubscribed ${message.TopicArn}`);
  } else {
    printRecords(JSON.parse(message.Message).Records);
  }
  return answer(res, 200, { ok: true });
}

function answer(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function handle(req, res, body) {
  if (req.method !== 'POST' || new URL(req.url, HOOK_URL).pathname !== url.pathname) return answer(res, 404, { error: 'not here' });
  if (req.headers['x-amz-sns-message-type']) {
    const message = JSON.parse(body.toString('utf8'));
    // AWS SNS signs with a certificate; VK's handshake has no SigningCertURL and is answered with an HMAC.
    if ('SigningCertURL' in message || 'Signature' in message) return handleSns(req, res, message);
    if (String(req.headers['x-amz-sns-message-type']).toLowerCase() === 'subscriptionconfirmation') {
      console.log(`handshake ${message.TopicArn}`);
      return answer(res, 200, { signature: handshakeSignature(message) });
    }
  }
  const b2Signature = req.headers['x-bz-event-notification-signature'];
  if (b2Signature) {
    const problem = b2Problem(b2Signature, body);
    if (problem) {
      console.log(`rejected b2: ${problem}`);
      return answer(res, 403, { error: problem });
    }
    for (const event of JSON.parse(body.toString('utf8')).events ?? []) console.log(`record ${event.eventType} ${event.objectName}`);
    return answer(res, 200, { ok: true });
  }
  const problem = signatureProblem(req.headers, body);
  if (problem) {
    console.log(`rejected ${req.headers['webhook-id'] ?? '-'}: ${problem}`);
    return answer(res, 401, { error: problem });
  }
  printRecords(JSON.parse(body.toString('utf8')).Records);
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
    handle(req, res, Buffer.concat(chunks)).catch((err) => answer(res, 400, { error: String(err) }));
  });
}).listen(port, '127.0.0.1', () => console.log(`listening on ${HOOK_URL} (port ${port})`));
