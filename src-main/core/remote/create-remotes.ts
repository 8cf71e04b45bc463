// The remote profiles service: list/save/remove profiles (secrets sealed by the SecretStore, never returned),
// "Test connection", and one cached connection per profile, reopened when the stored profile changes.
import { XMLParser } from 'fast-xml-parser';
import type { ConnectionOutcome, ProfileInput, ProfileView } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';
import type { Logger } from '../kernel/logger';
import { connect, DEFAULT_TIMEOUTS, type Connection, type Timeouts } from './connection';
import { checkProfileFields, checkProfileName, checkSecretKey, type Profile, type StoredProfile } from './profile';
import { createProfileStore } from './profile-store';
import { classifyRemoteError, errorFromAnswer, RemoteS3Error } from './remote-error';
import type { SecretStore } from '../kernel/secret-store';

export interface RemotesDeps { dataDir: string; secrets: SecretStore; logger: Logger; timeouts?: Timeouts }

/** Remote profiles and their connections. */
export interface Remotes {
  readonly secretsKind: SecretStore['kind'];
  list(): ProfileView[];
  /** @throws AppError InvalidProfile, NoSuchProfile (editing a missing one) */
  save(input: ProfileInput): ProfileView;
  /** @throws AppError NoSuchProfile */
  remove(name: string): void;
  /** The open connection of a saved profile. @throws AppError NoSuchProfile, SecretUnavailable */
  connection(name: string): Connection;
  /** List buckets with a saved profile (by name) or with unsaved form values; never throws. */
  test(target: string | ProfileInput): Promise<ConnectionOutcome>;
  close(): void;
}

/** The renderer's view of a stored profile: everything but the secret. */
export function toProfileView(p: StoredProfile): ProfileView {
  return {
    name: p.name, endpoint: p.endpoint, region: p.region, accessKey: p.accessKey, pathStyle: p.pathStyle,
    verifyTls: p.verifyTls, builtIn: false, hasSecret: p.sealedSecret !== '',
  };
}

const listXml = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'Bucket' });

/**
 * ListBuckets as a raw signed GET, so that an answer that is not S3 (a web page answering 200) is caught: the SDK
 * would read it as an empty list.
 */
async function countBuckets(conn: Connection): Promise<number> {
  const answer = await conn.raw({ method: 'GET', query: {} });
  const type = answer.headers['content-type'] ?? '';
  if (answer.status < 200 || answer.status > 299) throw errorFromAnswer(answer.status, answer.body, type);
  let doc: { ListAllMyBucketsResult?: { Buckets?: { Bucket?: unknown[] } | '' } } | undefined;
  try { doc = listXml.parse(answer.body) as typeof doc; } catch { doc = undefined; }
  const result = doc?.ListAllMyBucketsResult;
  if (result === undefined) throw new RemoteS3Error('NotS3', `HTTP ${answer.status} (${type || 'no content type'}) is not a ListAllMyBucketsResult`, answer.status);
  return typeof result.Buckets === 'object' ? result.Buckets.Bucket?.length ?? 0 : 0;
}

/** Build the service over `<dataDir>/remotes.json`. */
export function createRemotes(deps: RemotesDeps): Remotes {
  const store = createProfileStore(deps.dataDir);
  const timeouts = deps.timeouts ?? DEFAULT_TIMEOUTS;
  const open = new Map<string, { stored: string; conn: Connection }>();
  const logger = deps.logger;

  const stored = (name: string): StoredProfile => {
    const found = store.get(name);
    if (!found) throw new AppError('NoSuchProfile', `No connection profile named "${name}"`);
    return found;
  };
  const withSecret = ({ sealedSecret, ...rest }: StoredProfile): Profile => ({ ...rest, secretKey: deps.secrets.open(sealedSecret) });
  const drop = (name: string) => { open.get(name)?.conn.close(); open.delete(name); };

  /** The profile a test or save describes: form fields, the secret typed or the saved one. */
  const fromInput = (input: ProfileInput): Profile => {
    const fields = checkProfileFields(input);
    if (input.secretKey) return { ...fields, secretKey: checkSecretKey(input.secretKey) };
    const previous = store.get(input.originalName ?? fields.name);
    if (!previous) throw new AppError('InvalidProfile', 'secretKey: required');
    return { ...fields, secretKey: deps.secrets.open(previous.sealedSecret) };
  };

  return {
    secretsKind: deps.secrets.kind,
    list: () => store.list().map(toProfileView),
    save(input) {
      if (input.originalName !== undefined && !store.get(input.originalName)) {
        throw new AppError('NoSuchProfile', `No connection profile named "${input.originalName}"`);
      }
      const fields = checkProfileFields(input);
      const renamed = input.originalName !== undefined && input.originalName !== fields.name;
      if ((input.originalName === undefined || renamed) && store.get(fields.name)) {
        throw new AppError('InvalidProfile', `name: a profile named "${fields.name}" already exists`);
      }
      const sealedSecret = input.secretKey
        ? deps.secrets.seal(checkSecretKey(input.secretKey))
        : store.get(input.originalName ?? fields.name)?.sealedSecret;
      if (!sealedSecret) throw new AppError('InvalidProfile', 'secretKey: required');
      const profile: StoredProfile = { ...fields, sealedSecret };
      store.put(profile, input.originalName);
      drop(fields.name);
      if (input.originalName) drop(input.originalName);
      logger.info('profile saved', { profile: fields.name, endpoint: fields.endpoint });
      return toProfileView(profile);
    },
    remove(name) {
      if (!store.remove(checkProfileName(name))) throw new AppError('NoSuchProfile', `No connection profile named "${name}"`);
      drop(name);
      logger.info('profile removed', { profile: name });
    },
    connection(name) {
      const profile = stored(name);
      const key = JSON.stringify(profile);
      const cached = open.get(name);
      if (cached?.stored === key) return cached.conn;
      drop(name);
      const conn = connect(withSecret(profile), timeouts);
      open.set(name, { stored: key, conn });
      return conn;
    },
    async test(target) {
      let profile: Profile;
      try {
        profile = typeof target === 'string' ? withSecret(stored(target)) : fromInput(target);
      } catch (err) {
        const e = err instanceof AppError ? err : new AppError('Error', String(err));
        return { ok: false, kind: 'error', code: e.code, message: e.message };
      }
      const conn = connect(profile, timeouts);
      try {
        const count = await countBuckets(conn);
        return { ok: true, bucketCount: count, message: `Connected to ${new URL(profile.endpoint).host}: ${count} bucket${count === 1 ? '' : 's'}` };
      } catch (err) {
        return { ok: false, ...classifyRemoteError(err, new URL(profile.endpoint).host) };
      } finally {
        conn.close();
      }
    },
    close() { for (const name of [...open.keys()]) drop(name); },
  };
}
