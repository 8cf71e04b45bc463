// Verifies a browser POST upload's SigV4 policy: signature, expiry and the conditions (eq, starts-with,
// content-length-range, no unlisted fields). @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
import { S3Error } from '../s3-error';
import { parseCredential } from './credentials';
import { hmacHex, sameSignature, type SigningKeyProvider } from './signing-key';

/** What the checked policy allows for the file size. */
export interface PolicyLimits { minLength?: number; maxLength?: number }

/** The inputs of a POST policy check. */
export interface PostPolicyInput {
  /** Form fields, names lower-cased, `key` already with `${filename}` substituted. */
  fields: Record<string, string>;
  bucket: string;
  accessKey: string;
  keys: SigningKeyProvider;
  now: number;
}

const IGNORED = new Set(['policy', 'x-amz-signature', 'file']);
const denied = (why: string) => new S3Error('AccessDenied', `Invalid according to Policy: ${why}`);

interface PolicyDocument { expiration?: unknown; conditions?: unknown }

function decodePolicy(policy: string): PolicyDocument {
  try {
    const doc: unknown = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
    if (doc && typeof doc === 'object') return doc as PolicyDocument;
  } catch { /* reported below */ }
  throw new S3Error('InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
}

/** Check one condition; returns the field it covers. */
function checkCondition(cond: unknown, value: (name: string) => string | undefined, limits: PolicyLimits): string | undefined {
  if (Array.isArray(cond) && String(cond[0]).toLowerCase() === 'content-length-range') {
    limits.minLength = Number(cond[1]);
    limits.maxLength = Number(cond[2]);
    return undefined;
  }
  let op: string; let name: string; let expected: string;
  if (Array.isArray(cond) && cond.length === 3) [op, name, expected] = cond.map(String);
  else if (cond && typeof cond === 'object' && Object.keys(cond).length === 1) {
    [name, expected] = Object.entries(cond as Record<string, unknown>)[0].map(String);
    op = 'eq';
  } else throw new S3Error('InvalidPolicyDocument', 'Invalid Policy: Invalid Simple-Condition.');
  name = name.replace(/^\$/, '').toLowerCase();
  const got = value(name) ?? '';
  const ok = op.toLowerCase() === 'eq' ? got === expected : op.toLowerCase() === 'starts-with' ? got.startsWith(expected) : false;
  if (!ok) throw denied(`Policy Condition failed: ${JSON.stringify(cond)}`);
  return name;
}

/** Verify the policy and its signature; throws S3Error, returns the size limits to enforce while streaming. */
export async function verifyPostPolicy(input: PostPolicyInput): Promise<PolicyLimits> {
  const { fields } = input;
  if (fields.policy === undefined) throw new S3Error('AccessDenied', 'Access Denied');
  if (fields['x-amz-algorithm'] !== 'AWS4-HMAC-SHA256') {
    throw new S3Error('InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
  }
  const cred = parseCredential(fields['x-amz-credential'] ?? '',
    (msg) => new S3Error('InvalidArgument', `Invalid x-amz-credential: ${msg}`, { ArgumentName: 'x-amz-credential' }));
  if (cred.accessKey !== input.accessKey) {
    throw new S3Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: cred.accessKey });
  }
  const signingKey = await input.keys(cred.shortDate, cred.region, cred.service);
  if (!sameSignature(hmacHex(signingKey, fields.policy), fields['x-amz-signature'] ?? '')) {
    throw new S3Error('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  }
  const doc = decodePolicy(fields.policy);
  const expires = typeof doc.expiration === 'string' ? Date.parse(doc.expiration) : NaN;
  if (Number.isNaN(expires)) throw new S3Error('InvalidPolicyDocument', 'Invalid Policy: Policy missing expiration.');
  if (input.now > expires) throw denied('Policy expired.');
  if (!Array.isArray(doc.conditions)) throw new S3Error('InvalidPolicyDocument', 'Invalid Policy: Policy missing conditions.');
  const limits: PolicyLimits = {};
  const covered = new Set<string>(['bucket']);
  const value = (name: string) => (name === 'bucket' ? input.bucket : fields[name]);
  for (const cond of doc.conditions) {
    const name = checkCondition(cond, value, limits);
    if (name) covered.add(name);
  }
  const extra = Object.keys(fields).filter((f) => !IGNORED.has(f) && !f.startsWith('x-ignore-') && !covered.has(f));
  if (extra.length) throw denied(`Extra input fields: ${extra.join(', ')}`);
  return limits;
}
