// S3 bucket naming rules for inline validation in the create dialog (the endpoint checks them again).
// @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html

/** Why `name` is not a valid bucket name, or null when it is. */
export function bucketNameError(name: string): string | null {
  if (name.length < 3 || name.length > 63) return 'Must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'Use only lowercase letters, digits, dots and hyphens';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'Must begin and end with a letter or digit';
  if (name.includes('..')) return 'Must not contain two adjacent dots';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'Must not look like an IP address';
  if (name.startsWith('xn--') || name.endsWith('-s3alias')) return 'Must not use a reserved prefix or suffix';
  return null;
}
