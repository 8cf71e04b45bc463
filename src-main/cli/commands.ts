// The CLI's commands other than `serve`: export-config, import-config, replay, status — all against a running server.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../core/config';
import { UsageError } from '../launch/options';
import { connect } from './remote';
import type { ReplayProgress } from '../../src-preload/contract';

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
  const dataDir = values['data-dir'] ?? env.BUCKETHOOKS_DATA_DIR ?? DEFAULTS.dataDir;
  const region = values.region ?? env.BUCKETHOOKS_REGION ?? DEFAULTS.region;
  return connect(dataDir, region);
}

/** `export-config BUCKET [--out FILE]`: the bucket's notification XML, as GET ?notification returns it. */
export async function exportConfig(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = parse(argv, { out: { type: 'string' } });
  const [bucket] = positionals;
  if (!bucket || positionals.length > 1) throw new UsageError('usage: buckethooks export-config BUCKET [--out FILE]');
  const res = await server(values, env).s3('GET', `/${bucket}`, { notification: '' });
  if (res.status !== 200) throw new UsageError(`export failed (HTTP ${res.status}): ${res.body}`);
  if (values.out) {
    writeFileSync(values.out, res.body);
    print(`Wrote ${values.out}`);
  } else print(res.body);
}

/** `import-config BUCKET FILE`: PUT the file as the bucket's configuration, validated like any PUT. */
export async function importConfig(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = parse(argv, {});
  const [bucket, file] = positionals;
  if (!bucket || !file || positionals.length > 2) throw new UsageError('usage: buckethooks import-config BUCKET FILE');
  const res = await server(values, env).s3('PUT', `/${bucket}`, { notification: '' }, readFileSync(file, 'utf8'));
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
