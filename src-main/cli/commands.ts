// The CLI's commands other than `serve`: export-config, import-config, replay, status — against the running server,
// or with --profile NAME straight against that remote profile's service.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../core/config';
import { UsageError } from '../launch/options';
import { connect } from './remote';
import { dataDirOf, onProfile } from './remote-commands';
import { getRemoteConfig, putRemoteConfigXml } from '../core/remote/remote-notifications';
import { AppError } from '../core/app-error';
import { LOCAL_PROFILE, type ReplayProgress } from '../../src-preload/contract';

type Print = (line: string) => void;

function parse(argv: string[], options: Record<string, { type: 'string' }>): {
  values: Record<string, string | undefined>; positionals: string[];
} {
  try {
    return parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { ...options, 'data-dir': { type: 'string' }, region: { type: 'string' } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function server(values: Record<string, string | undefined>, env: NodeJS.ProcessEnv) {
  const region = values.region ?? env.BUCKETHOOKS_REGION ?? DEFAULTS.region;
  return connect(dataDirOf(values, env), region);
}

/** The bucket's configuration XML on a remote profile, as the remote's GET ?notification returns it. */
async function remoteExport(values: Record<string, string | undefined>, env: NodeJS.ProcessEnv, profile: string, bucket: string): Promise<string> {
  return onProfile(dataDirOf(values, env), profile, async (remotes) => {
    const config = await getRemoteConfig(remotes.connection(profile), bucket);
    if (!config.supported) throw new AppError('NotificationsUnsupported', config.reason);
    return config.xml;
  });
}

/** `export-config BUCKET [--out FILE] [--profile NAME]`: the bucket's notification XML, as GET ?notification returns it. */
export async function exportConfig(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = parse(argv, { out: { type: 'string' }, profile: { type: 'string' } });
  const [bucket] = positionals;
  if (!bucket || positionals.length > 1) throw new UsageError('usage: buckethooks export-config BUCKET [--out FILE] [--profile NAME]');
  let xml: string;
  if (values.profile && values.profile !== LOCAL_PROFILE) xml = await remoteExport(values, env, values.profile, bucket);
  else {
    const res = await server(values, env).s3('GET', `/${bucket}`, { notification: '' });
    if (res.status !== 200) throw new UsageError(`export failed (HTTP ${res.status}): ${res.body}`);
    xml = res.body;
  }
  if (values.out) {
    writeFileSync(values.out, xml);
    print(`Wrote ${values.out}`);
  } else print(xml);
}

/**
 * `import-config BUCKET FILE [--profile NAME]`: PUT the file as the bucket's configuration, validated like any PUT
 * (on a remote profile: by the remote service, whose refusal exits 1 with its code and message).
 */
export async function importConfig(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = parse(argv, { profile: { type: 'string' } });
  const [bucket, file] = positionals;
  if (!bucket || !file || positionals.length > 2) throw new UsageError('usage: buckethooks import-config BUCKET FILE [--profile NAME]');
  const xml = readFileSync(file, 'utf8');
  const { profile } = values;
  if (profile && profile !== LOCAL_PROFILE) {
    await onProfile(dataDirOf(values, env), profile, (remotes) => putRemoteConfigXml(remotes.connection(profile), bucket, xml));
    print(`Imported ${file} into ${bucket} on ${profile}`);
    return;
  }
  const res = await server(values, env).s3('PUT', `/${bucket}`, { notification: '' }, xml);
  if (res.status !== 200) throw new UsageError(`import rejected (HTTP ${res.status}): ${res.body}`);
  print(`Imported ${file} into ${bucket}`);
}

/** `replay [--bucket B] [--hook ID] [--status failed] [--since TIME] [--until TIME] [--prefix P]`. */
export async function replay(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values } = parse(argv, {
    bucket: { type: 'string' }, hook: { type: 'string' }, status: { type: 'string' },
    since: { type: 'string' }, until: { type: 'string' }, prefix: { type: 'string' },
  });
  const time = (name: 'since' | 'until') => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const ms = Date.parse(raw);
    if (Number.isNaN(ms)) throw new UsageError(`--${name} must be a date/time, got "${raw}"`);
    return ms;
  };
  const filter = {
    bucket: values.bucket, hookId: values.hook, status: values.status,
    since: time('since'), until: time('until'), keyPrefix: values.prefix,
  };
  const remote = server(values, env);
  const events = await remote.events();
  const started = await remote.api<ReplayProgress>('deliveries.replayAll', { filter });
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

/** `status`: what the running server reports about itself. */
export async function status(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values } = parse(argv, {});
  const remote = server(values, env);
  const result = await remote.api<Record<string, unknown>>('server.status', {});
  print(`UI: ${remote.info.uiUrl}`);
  for (const [key, value] of Object.entries(result)) print(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
}
