// Validation rules the core enforces and the renderer checks as you type: bucket names (S3's rules), hook Ids,
// hook secrets and inbox names, one definition each. No imports, no I/O. Messages read well under a form field
// and after the core's own prefix ("The specified bucket is not valid: …") alike.

/**
 * Why `name` breaks the S3 general-purpose bucket naming rules, or null when it is valid.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function bucketNameProblem(name: string): string | null {
  if (name.length < 3 || name.length > 63) return 'Must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'Use only lowercase letters, digits, dots and hyphens';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'Must begin and end with a letter or digit';
  if (name.includes('..')) return 'Must not contain two adjacent dots';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'Must not look like an IP address';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name) || /(-s3alias|--ol-s3|--x-s3|\.mrap)$/.test(name)) {
    return 'Must not use a reserved prefix or suffix';
  }
  return null;
}

/** Why `id` cannot name a hook (the app API's and the dialog's rule; S3's own Id may be any text), or null. */
export function hookIdProblem(id: string): string | null {
  return /^[A-Za-z0-9._-]{1,255}$/.test(id) ? null : 'Use 1 to 255 letters, digits, dots, dashes or underscores';
}

/** Why `secret` is not a Standard Webhooks signing secret, or null when it is one. */
export function hookSecretProblem(secret: string): string | null {
  return /^whsec_[A-Za-z0-9+/]{16,}={0,2}$/.test(secret) ? null : 'Must be whsec_ followed by base64 (16+ characters)';
}

/** Why `name` cannot name a built-in inbox (it becomes a URL path segment), or null. */
export function inboxNameProblem(name: string): string | null {
  return /^[A-Za-z0-9._-]{1,64}$/.test(name) ? null : 'Use 1 to 64 letters, digits, dots, dashes or underscores';
}

/** `problem` continuing a sentence: "Must be …" → "must be …". */
export function asClause(problem: string): string {
  return problem.charAt(0).toLowerCase() + problem.slice(1);
}
