// A remote connection profile: what is stored (the secret only sealed), and the checks a new or edited
// profile passes before it is saved (from the UI, the CLI or the HTTP API alike). Pure: no I/O.
import { LOCAL_PROFILE } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';

/** A remote profile as kept in remotes.json; `sealedSecret` is the secret key after SecretStore.seal. */
export interface StoredProfile {
  name: string;
  endpoint: string;
  region: string;
  accessKey: string;
  sealedSecret: string;
  pathStyle: boolean;
  verifyTls: boolean;
}

/** A profile with its secret opened, as the S3 client factory needs it. Never leaves main. */
export interface Profile extends Omit<StoredProfile, 'sealedSecret'> { secretKey: string }

/** Profile names double as CLI arguments (`--profile NAME`): letters, digits, dot, dash, underscore. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const REGION = /^[a-z0-9][a-z0-9-]{0,31}$/;

function invalid(field: string, why: string): never {
  throw new AppError('InvalidProfile', `${field}: ${why}`);
}

/** A profile name that is well formed and not the built-in one. */
export function checkProfileName(name: string): string {
  if (!NAME.test(name)) invalid('name', 'use 1–64 letters, digits, ".", "-" or "_", starting with a letter or digit');
  if (name.toLowerCase() === LOCAL_PROFILE) invalid('name', `"${LOCAL_PROFILE}" is the built-in "This computer" profile`);
  return name;
}

/** The endpoint as an origin URL (http or https, no query, no trailing slash). */
export function checkEndpoint(endpoint: string): string {
  let url: URL;
  try { url = new URL(endpoint.trim()); } catch { invalid('endpoint', `"${endpoint}" is not a URL`); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') invalid('endpoint', 'must start with http:// or https://');
  if (url.username || url.password || url.search || url.hash) invalid('endpoint', 'no credentials, query or fragment');
  if (url.pathname !== '/') invalid('endpoint', 'must not have a path (the bucket goes in the path or the host)');
  return url.origin;
}

/** Check the non-secret fields of a profile and return them normalised. */
export function checkProfileFields(input: Omit<StoredProfile, 'sealedSecret'>): Omit<StoredProfile, 'sealedSecret'> {
  const region = input.region.trim();
  if (!REGION.test(region)) invalid('region', 'lower-case letters, digits and "-" (e.g. ru-msk, us-east-1)');
  const accessKey = input.accessKey.trim();
  if (accessKey === '' || accessKey.length > 256 || /\s/.test(accessKey)) invalid('accessKey', 'required, no spaces');
  return {
    name: checkProfileName(input.name.trim()), endpoint: checkEndpoint(input.endpoint), region, accessKey,
    pathStyle: input.pathStyle, verifyTls: input.verifyTls,
  };
}

/** A secret key is required for a new profile: 1–256 characters, no whitespace. */
export function checkSecretKey(secret: string): string {
  if (secret === '' || secret.length > 256 || /\s/.test(secret)) invalid('secretKey', 'required, no spaces');
  return secret;
}
