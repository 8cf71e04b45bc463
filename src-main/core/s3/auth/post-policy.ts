// Verifies a browser POST upload's policy: its signature (SigV4, or the older V2 HMAC-SHA1 form), expiry and
// conditions (eq, starts-with, content-length-range); every form field, the bucket included, must be covered.
// @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
import { createHmac } from 'node:crypto';
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
  secretKey: string;
  keys: SigningKeyProvider;
  now: number;
}

/** Fields a policy need not (and cannot) cover. */
const UNCOVERED = new Set(['policy', 'x-amz-signature', 'signature', 'awsaccesskeyid', 'file']);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const denied = (why: string) => new S3Error('AccessDenied', `Invalid according to Policy: ${why}`);
const invalidPolicy = (why: string) => new S3Error('InvalidPolicyDocument', `Invalid Policy: ${why}`);
const signatureMismatch = () => new S3Error('SignatureDoesNotMatch',
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.');

interface PolicyDocument { expiration?: unknown; conditions?: unknown }

function decodePolicy(policy: string): PolicyDocument {
  try {
    const doc: unknown = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
    if (doc && typeof doc === 'object' && !Array.isArray(doc)) return doc as PolicyDocument;
  } catch { /* reported below */ }
  throw invalidPolicy('Invalid JSON.');
}

function unknownKey(accessKey: string): S3Error {
  return new S3Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: accessKey });
}

function missingField(name: string): S3Error {
  return new S3Error('InvalidArgument', `Bucket POST must contain a field named '${name}'.`, { ArgumentName: name, ArgumentValue: '' });
}

/** Check the policy's signature: SigV4 (x-amz-algorithm/-credential/-signature) or V2 (AWSAccessKeyId/Signature). */
async function verifySignature(input: PostPolicyInput, policy: string): Promise<void> {
  const { fields } = input;
  if (fields['x-amz-algorithm'] !== undefined) {
    if (fields['x-amz-algorithm'] !== 'AWS4-HMAC-SHA256') {
      throw new S3Error('InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
    }
    const cred = parseCredential(fields['x-amz-credential'] ?? '',
      (msg) => new S3Error('InvalidArgument', `Invalid x-amz-credential: ${msg}`, { ArgumentName: 'x-amz-credential' }));
    if (cred.accessKey !== input.accessKey) throw unknownKey(cred.accessKey);
    if (fields['x-amz-signature'] === undefined) throw missingField('x-amz-signature');
    const signingKey = await input.keys(cred.shortDate, cred.region, cred.service);
    if (!sameSignature(hmacHex(signingKey, policy), fields['x-amz-signature'])) throw signatureMismatch();
    return;
  }
  const accessKey = fields.awsaccesskeyid;
  if (accessKey === undefined) throw missingField('AWSAccessKeyId');
  if (accessKey !== input.accessKey) throw unknownKey(accessKey);
  if (fields.signature === undefined) throw missingField('Signature');
  const expected = createHmac('sha1', input.secretKey).update(policy, 'utf8').digest('base64');
  if (!sameSignature(expected, fields.signature)) throw signatureMismatch();
}

/** Read `content-length-range` bounds: two non-negative integers, min ≤ max. */
function lengthRange(cond: unknown[], limits: PolicyLimits): void {
  const [min, max] = [cond[1], cond[2]].map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v));
  if (cond.length !== 3 || !Number.isSafeInteger(min) || !Number.isSafeInteger(max) || (min as number) < 0 || (min as number) > (max as number)) {
    throw invalidPolicy('Invalid content-length-range condition.');
  }
  limits.minLength = min as number;
  limits.maxLength = max as number;
}

/** A condition's operand: strings as they are, numbers and booleans as JSON writes them; anything else is invalid. */
function operand(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalidPolicy('Invalid Simple-Condition: operands are strings.');
}

/** Check one condition; returns the (lower-cased) field it covers, if any. */
function checkCondition(cond: unknown, value: (name: string) => string | undefined, limits: PolicyLimits): string | undefined {
  if (Array.isArray(cond) && typeof cond[0] === 'string' && cond[0].toLowerCase() === 'content-length-range') {
    lengthRange(cond, limits);
    return undefined;
  }
  let op: string; let name: string; let expected: string;
  if (Array.isArray(cond) && cond.length === 3) [op, name, expected] = cond.map(operand);
  else if (cond && typeof cond === 'object' && !Array.isArray(cond) && Object.keys(cond).length === 1) {
    const [[field, v]] = Object.entries(cond as Record<string, unknown>);
    [op, name, expected] = ['eq', field, operand(v)];
  } else throw invalidPolicy('Invalid Simple-Condition: a condition is an array of three values or an object of one field.');
  name = name.replace(/^\$/, '').toLowerCase();
  const got = value(name) ?? '';
  const verb = op.toLowerCase();
  if (verb !== 'eq' && verb !== 'starts-with') throw invalidPolicy(`Unknown condition operator ${op}.`);
  if (verb === 'eq' ? got !== expected : !got.startsWith(expected)) throw denied(`Policy Condition failed: ${JSON.stringify(cond)}`);
  return name;
}

/** Verify the policy and its signature; throws S3Error, returns the size limits to enforce while streaming. */
export async function verifyPostPolicy(input: PostPolicyInput): Promise<PolicyLimits> {
  const { fields } = input;
  if (fields.policy === undefined) throw new S3Error('AccessDenied', 'Access Denied');
  await verifySignature(input, fields.policy);
  const doc = decodePolicy(fields.policy);
  if (typeof doc.expiration !== 'string') throw invalidPolicy('Policy missing expiration.');
  if (!ISO_8601.test(doc.expiration)) throw invalidPolicy(`Invalid 'expiration' value: '${doc.expiration}'.`);
  if (input.now > Date.parse(doc.expiration)) throw denied('Policy expired.');
  if (!Array.isArray(doc.conditions)) throw invalidPolicy('Policy missing conditions.');
  const limits: PolicyLimits = {};
  const covered = new Set<string>();
  const value = (name: string) => (name === 'bucket' ? input.bucket : fields[name]);
  for (const cond of doc.conditions) {
    const name = checkCondition(cond, value, limits);
    if (name) covered.add(name);
  }
  const extra = [...new Set(['bucket', ...Object.keys(fields)])].filter((f) => !UNCOVERED.has(f) && !f.startsWith('x-ignore-') && !covered.has(f));
  if (extra.length) throw denied(`Extra input fields: ${extra.join(', ')}`);
  return limits;
}
