// listen.* of the app API: start a relay of a remote bucket's events to a local receiver, stop it (its hook removed),
// renew a leased one (the CLI's), list the sessions running in this core. Fields are checked here; the listen service checks what they mean.
import type { AppApiMethods } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';
import type { Listen } from '../remote/listen/create-listen';
import { LOCAL_PROFILE } from '../../../src-shared/contract';
import { asInput, optBool, optInt, optOneOf, optStr, optXmlText, str, xmlText, type Input } from './validate';

type ListenMethods = Pick<AppApiMethods, 'listen.start' | 'listen.stop' | 'listen.renew' | 'listen.list'>;

function events(input: Input): string[] | undefined {
  const v = input.events;
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.length > 8 || v.some((e) => typeof e !== 'string')) throw new AppError('InvalidInput', 'events: must be a list of event names');
  return v as string[];
}

/** The listen.* methods over the listen service. */
export function createListenApi(listen: Listen): ListenMethods {
  return {
    async 'listen.start'(raw) {
      const input = asInput(raw);
      const profile = str(input, 'profile', 64);
      if (profile === LOCAL_PROFILE) throw new AppError('InvalidInput', 'profile: listen relays a remote bucket; this computer\'s buckets deliver to local URLs directly');
      return listen.start({
        profile, bucket: str(input, 'bucket', 63), forwardTo: str(input, 'forwardTo', 2048),
        publicUrl: optStr(input, 'publicUrl', 2048) || undefined, port: optInt(input, 'port', 0, 65535),
        events: events(input), prefix: optXmlText(input, 'prefix', 1024), suffix: optXmlText(input, 'suffix', 1024),
        dialect: optOneOf(input, 'dialect', ['vk', 'aws'] as const), ackAlways: optBool(input, 'ackAlways'), clean: optBool(input, 'clean'),
        leaseMs: optInt(input, 'leaseMs', 1000, 3_600_000),
      });
    },
    async 'listen.stop'(raw) {
      return listen.stop(xmlText(asInput(raw), 'id', 64));
    },
    async 'listen.renew'(raw) {
      listen.renew(xmlText(asInput(raw), 'id', 64));
      return {};
    },
    async 'listen.list'() {
      return listen.list();
    },
  };
}
