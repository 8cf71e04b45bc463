// The CLI's commands other than `serve`: export-config, import-config, replay, status — against the running server,
// or with --profile NAME straight against that remote profile's service.
import { closeSync, fchmodSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError } from '../launch/options';
import { connect } from './remote';
import { dataDirOf, onProfile } from './remote-commands';
import { exportRemoteXml, importRemoteXml } from '../core/remote/portable-config';
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

/** The bucket's configuration XML on a remote profile, portable: topic ARNs replaced by the URLs they push to. */
function remoteExport(values: Values, env: NodeJS.ProcessEnv, profile: string, bucket: string): Promise<string> {
  return onProfile(dataDirOf(values, env), profile, (remotes) => exportRemoteXml(remotes.connection(profile), bucket));
}

/** Write `text` to `path` readable by its owner only (0600), an existing file too, before any byte is written. */
function writePrivateFile(path: string, text: string): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeFileSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/**
 * `export-config BUCKET [--out FILE] [--include-secrets] [--profile NAME]`: the bucket's notification XML as GET
 * ?notification returns it, plus each hook's retry policy (and secret when asked) for `import-config`; from a remote
 * that names topics, each topic ARN is replaced by the URL it pushes to.
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
    if (values['include-secrets'] === true) writePrivateFile(out, xml);
    else writeFileSync(out, xml);
    print(`Wrote ${out}`);
  } else print(xml);
}

/**
 * `import-config BUCKET FILE [--profile NAME]`: the file replaces the bucket's configuration, validated and confirmed
 * like a PUT, its retry policies and secrets restored (on a remote profile: a verified write, URLs turned into topics
 * where the remote names topics, read back; a refusal or a difference exits 1 naming it).
 */
export async function importConfig(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = parse(argv, { profile: { type: 'string' } });
  const [bucket, file] = positionals;
  if (!bucket || !file || positionals.length > 2) throw new UsageError('usage: buckethooks import-config BUCKET FILE [--profile NAME]');
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (err) {
    if (err instanceof TypeError) throw new UsageError(`${file} is not valid UTF-8: save the XML as UTF-8 and import it again`);
    throw err;
  }
  const profile = text(values, 'profile');
  if (profile && profile !== LOCAL_PROFILE) {
    const outcome = await onProfile(dataDirOf(values, env), profile, (remotes) => importRemoteXml(remotes.connection(profile), bucket, xml));
    for (const note of outcome.notes) print(note);
    print(`Imported ${file} into ${bucket} on ${profile} (${outcome.hooks.length} hook${outcome.hooks.length === 1 ? '' : 's'}, read back)`);
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
