// The CLI's commands other than `serve`: export-config, import-config, replay, status — against the running server,
// or with --profile NAME straight against that remote profile's service.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError } from '../launch/options';
import { connect } from './remote';
import { dataDirOf, onProfile } from './remote-commands';
import { getRemoteConfig, putRemoteConfigXml } from '../core/remote/remote-notifications';
import { AppError } from '../core/kernel/app-error';
import { LOCAL_PROFILE, type ReplayProgress, type ServerStatus } from '../../src-shared/contract';

type Print = (line: string) => void;

type Values = Record<string, string | boolean | undefined>;

/** Parse a command's flags (plus --data-dir, which every command takes); mistakes are UsageErrors. */
export function parse(argv: string[], options: Record<string, { type: 'string' | 'boolean' }>): { values: Values; positionals: string[] } {
  try {
    return parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { ...options, 'data-dir': { type: 'string' } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** A string flag's value (undefined for absent and boolean flags). */
export const text = (values: Values, name: string) => (typeof values[name] === 'string' ? values[name] : undefined);

/** The running server of the data dir the flags (or env) name. */
export const server = (values: Values, env: NodeJS.ProcessEnv) => connect(dataDirOf(values, env));

/** A secret shown by its first four characters only. */
export function maskSecret(secret: string): string {
  return secret.length <= 8 ? '…' : `${secret.slice(0, 4)}… (hidden; --show-secret prints it)`;
}

/** The bucket's configuration XML on a remote profile, as the remote's GET ?notification returns it. */
async function remoteExport(values: Values, env: NodeJS.ProcessEnv, profile: string, bucket: string): Promise<string> {
  return onProfile(dataDirOf(values, env), profile, async (remotes) => {
    const config = await getRemoteConfig(remotes.connection(profile), bucket);
    if (!config.supported) throw new AppError('NotificationsUnsupported', config.reason);
    return config.xml;
  });
}

/**
 * `export-config BUCKET [--out FILE] [--include-secrets] [--profile NAME]`: the bucket's notification XML as GET
 * ?notification returns it, plus each hook's retry policy (and secret when asked) for `import-config`.
 */
export async function exportConfig(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = parse(argv, { out: { type: 'string' }, profile: { type: 'string' }, 'include-secrets': { type: 'boolean' } });
  const [bucket] = positionals;
  if (!bucket || positionals.length > 1) throw new UsageError('usage: buckethooks export-config BUCKET [--out FILE] [--include-secrets] [--profile NAME]');
  let xml: string;
  const profile = text(values, 'profile');
  if (profile && profile !== LOCAL_PROFILE) xml = await remoteExport(values, env, profile, bucket);
  else {
    const includeSecrets = values['include-secrets'] === true;
    ({ xml } = await server(values, env).api<{ xml: string }>('hooks.exportXml', { bucket, includeSecrets }));
  }
  const out = text(values, 'out');
  if (out) {
    writeFileSync(out, xml);
    print(`Wrote ${out}`);
  } else print(xml);
}

/**
 * `import-config BUCKET FILE [--profile NAME]`: the file replaces the bucket's configuration, validated and confirmed
 * like a PUT, its retry policies and secrets restored (on a remote profile: PUT as is, checked by the remote service,
 * whose refusal exits 1 with its code and message).
 */
export async function importConfig(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = parse(argv, { profile: { type: 'string' } });
  const [bucket, file] = positionals;
  if (!bucket || !file || positionals.length > 2) throw new UsageError('usage: buckethooks import-config BUCKET FILE [--profile NAME]');
  const xml = readFileSync(file, 'utf8');
  const profile = text(values, 'profile');
  if (profile && profile !== LOCAL_PROFILE) {
    await onProfile(dataDirOf(values, env), profile, (remotes) => putRemoteConfigXml(remotes.connection(profile), bucket, xml));
    print(`Imported ${file} into ${bucket} on ${profile}`);
    return;
  }
  const hooks = await server(values, env).api<unknown[]>('hooks.importXml', { bucket, xml });
  print(`Imported ${file} into ${bucket} (${hooks.length} hook${hooks.length === 1 ? '' : 's'})`);
}

/** `replay [--bucket B] [--hook ID] [--status S] [--since T] [--until T] [--prefix P] [--include-delivered]`. */
export async function replay(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values } = parse(argv, {
    bucket: { type: 'string' }, hook: { type: 'string' }, status: { type: 'string' },
    since: { type: 'string' }, until: { type: 'string' }, prefix: { type: 'string' }, 'include-delivered': { type: 'boolean' },
  });
  const time = (name: 'since' | 'until') => {
    const raw = text(values, name);
    if (raw === undefined) return undefined;
    const ms = Date.parse(raw);
    if (Number.isNaN(ms)) throw new UsageError(`--${name} must be a date/time, got "${raw}"`);
    return ms;
  };
  const filter = {
    bucket: text(values, 'bucket'), hookId: text(values, 'hook'), status: text(values, 'status'),
    since: time('since'), until: time('until'), keyPrefix: text(values, 'prefix'),
  };
  const remote = server(values, env);
  const events = await remote.events();
  const includeDelivered = values['include-delivered'] === true;
  const started = await remote.api<ReplayProgress>('deliveries.replayAll', { filter, includeDelivered });
  print(`Replaying ${started.total} matching deliveries (job ${started.jobId})`);
  let last = started;
  for await (const event of events) {
    if (event.name !== 'deliveries.replayProgress') continue;
    const progress = event.data as ReplayProgress;
    if (progress.jobId !== started.jobId) continue;
    last = progress;
    if (progress.finished) break;
    print(`  ${progress.done}/${progress.total}`);
  }
  print(`Replayed ${last.done} of ${last.total}: ${last.succeeded} delivered, ${last.failed} failed${last.cancelled ? ' (cancelled)' : ''}`);
}

/** `status [--show-secret]`: what the running server reports about itself, the secret key masked. */
export async function status(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values } = parse(argv, { 'show-secret': { type: 'boolean' } });
  const remote = server(values, env);
  const result = await remote.api<ServerStatus>('server.status', {});
  const shown = { ...result, secretKey: values['show-secret'] ? result.secretKey : maskSecret(result.secretKey) };
  print(`UI: ${result.uiUrl ?? remote.uiUrl()}`);
  for (const [key, value] of Object.entries(shown)) {
    if (key !== 'uiUrl') print(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  }
}

/** A value quoted for a POSIX shell. */
const shellQuote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;

/**
 * `env`: `export` lines for the running server's endpoint, keys and region, so `eval "$(buckethooks env)"` points
 * awscli, the SDKs and boto3 at it.
 */
export async function env(argv: string[], environment: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values } = parse(argv, {});
  const s = await server(values, environment).api<ServerStatus>('server.status', {});
  const vars: [string, string][] = [
    ['AWS_ACCESS_KEY_ID', s.accessKey], ['AWS_SECRET_ACCESS_KEY', s.secretKey], ['AWS_DEFAULT_REGION', s.region],
    ['AWS_REGION', s.region], ['AWS_ENDPOINT_URL', s.endpoint],
  ];
  for (const [name, value] of vars) print(`export ${name}=${shellQuote(value)}`);
}
