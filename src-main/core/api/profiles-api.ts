// profiles.* of the app API: "This computer" (built in, always first) and the saved remote profiles, add/edit/
// remove and "Test connection". Secret keys go in and never come out: views only say whether one is saved.
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { LOCAL_PROFILE, type AppApiMethods, type ProfileInput, type ProfileView } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';
import type { CoreConfig } from '../kernel/config';
import type { Remotes } from '../remote/create-remotes';
import type { S3Resolver } from './profile-target';
import { asInput, obj, optStr, str, type Input } from './validate';

type ProfileMethods = Pick<AppApiMethods, 'profiles.list' | 'profiles.save' | 'profiles.remove' | 'profiles.test'>;

function bool(input: Input, field: string, fallback: boolean): boolean {
  const v = input[field];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw new AppError('InvalidInput', `${field}: must be true or false`);
  return v;
}

/** The fields of a profile form, type-checked (profile.ts checks their values). */
export function readProfileInput(input: Input): ProfileInput {
  return {
    name: str(input, 'name', 64), endpoint: str(input, 'endpoint', 2048), region: str(input, 'region', 64),
    accessKey: str(input, 'accessKey', 256), secretKey: optStr(input, 'secretKey', 256) || undefined,
    pathStyle: bool(input, 'pathStyle', false), verifyTls: bool(input, 'verifyTls', true),
    originalName: optStr(input, 'originalName', 64) || undefined,
  };
}

/** profiles.* over the remotes service; `endpoint` and `config` describe "This computer". */
export function createProfilesApi(remotes: Remotes, config: CoreConfig, endpoint: string, resolve: S3Resolver): ProfileMethods {
  const local: ProfileView = {
    name: LOCAL_PROFILE, endpoint, region: config.region, accessKey: config.accessKey, pathStyle: true, verifyTls: true,
    builtIn: true, hasSecret: true,
  };
  return {
    async 'profiles.list'() {
      return [{ ...local, region: config.region }, ...remotes.list()];
    },
    async 'profiles.save'(raw) {
      return remotes.save(readProfileInput(asInput(raw)));
    },
    async 'profiles.remove'(raw) {
      remotes.remove(str(asInput(raw), 'name', 64));
      return {};
    },
    async 'profiles.test'(raw) {
      const input = asInput(raw);
      const name = optStr(input, 'name', 64);
      if (name === LOCAL_PROFILE) {
        const { s3, call } = resolve({});
        const count = (await call(() => s3.send(new ListBucketsCommand({})))).Buckets?.length ?? 0;
        return { ok: true, bucketCount: count, message: `This computer: ${count} bucket${count === 1 ? '' : 's'}` };
      }
      return remotes.test(name ?? readProfileInput(obj(input, 'profile')));
    },
  };
}
