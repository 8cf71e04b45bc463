// Builds the PostObject request from a browser form upload: policy checked, `key` from the form with
// `${filename}` substituted, the other form fields (and nothing from the HTTP request's own headers) passed
// on as lower-cased headers, the file part as body.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { S3Error } from '../s3-error';
import { verifyPostPolicy } from '../auth/post-policy';
import type { SigningKeyProvider } from '../auth/signing-key';
import { LengthRange, readPostForm } from './post-form';
import { asHeaderText } from './header-text';

/** The parts of an S3Request a form upload determines. */
export interface PostUpload { key: string; headers: IncomingHttpHeaders; body: Readable; accessKey: string }

/** Fields that authenticate the form rather than describe the object. */
const NOT_HEADERS = new Set(['policy', 'x-amz-signature', 'signature', 'awsaccesskeyid', 'file', 'key']);
const MAX_KEY_BYTES = 1024;

/** Read and authenticate a POST form upload to `bucket`. */
export async function readPostUpload(req: IncomingMessage, bucket: string,
  auth: { accessKey: string; secretKey: string; keys: SigningKeyProvider; now: number }): Promise<PostUpload> {
  const form = await readPostForm(req);
  const { fields } = form;
  if (fields.key === undefined) {
    form.file.resume();
    throw new S3Error('InvalidArgument', "Bucket POST must contain a field named 'key'.", { ArgumentName: 'key', ArgumentValue: '' });
  }
  const key = fields.key.split('${filename}').join(form.filename);
  fields.key = key;
  try {
    if (!key) throw new S3Error('InvalidArgument', 'The key field must not be empty.', { ArgumentName: 'key', ArgumentValue: '' });
    if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new S3Error('KeyTooLongError', 'Your key is too long');
    const limits = await verifyPostPolicy({ fields, bucket, ...auth });
    // Only form fields describe the object: the request's own headers (its multipart Content-Type, anything
    // else a page or proxy adds) are not covered by the policy.
    const headers: IncomingHttpHeaders = {};
    for (const [name, value] of Object.entries(fields)) if (!NOT_HEADERS.has(name)) headers[name] = asHeaderText(value, name);
    let body: Readable = form.file;
    if (limits.maxLength !== undefined) {
      const range = new LengthRange(limits.minLength ?? 0, limits.maxLength);
      range.once('error', () => { form.file.unpipe(range); form.file.resume(); });
      form.file.once('error', (err) => range.destroy(err));
      body = form.file.pipe(range);
    }
    return { key, headers, body, accessKey: auth.accessKey };
  } catch (err) {
    form.file.resume();
    throw err;
  }
}
