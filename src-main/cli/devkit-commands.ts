// The developer-kit commands against the running server: `explain` (why a key's change fired or skipped each hook),
// `watch` (each object change of a bucket as it commits, as text or JSON lines) and `backfill` (events for existing
// objects, with progress; Ctrl-C cancels).
import type { BackfillProgress, HookVerdictView, KeyExplanation, ObjectChangeView } from '../../src-shared/contract';
import { CommandFailed, UsageError } from '../launch/options';
import { parse, server, text } from './commands';

type Print = (line: string) => void;

/** One line per hook: its id (padded), then "fired…" or "skipped: …". */
export function verdictLines(hooks: readonly HookVerdictView[]): string[] {
  if (hooks.length === 0) return ['  (the bucket had no hooks)'];
  const width = Math.max(...hooks.map((h) => h.hookId.length));
  return hooks.map((h) => `  ${h.hookId.padEnd(width)}  ${h.reason ?? 'fired'}`);
}

/** A change's heading: what happened to which key, when. */
function heading(change: ObjectChangeView): string {
  return `${change.bucket}/${change.key}: ${change.eventName} at ${new Date(change.time).toISOString()} (sequencer ${change.sequencer})`;
}

/** `explain BUCKET KEY [--all] [--json]`: the newest traced change of the key (or every kept one) and each hook's verdict. */
export async function explain(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = parse(argv, { all: { type: 'boolean' }, json: { type: 'boolean' } });
  const [bucket, key] = positionals;
  if (!bucket || key === undefined || positionals.length > 2) throw new UsageError('usage: buckethooks explain BUCKET KEY [--all] [--json]');
  const result = await server(values, env).api<KeyExplanation>('hooks.explain', { bucket, key, limit: values.all ? 100 : 1 });
  if (values.json) { print(JSON.stringify(result, null, 2)); return; }
  if (result.changes.length === 0) {
    print(`No change of ${bucket}/${key} is on record (traces are kept 7 days, the newest 100,000 changes).`);
    print('A PUT of that key now would do this:');
    for (const line of verdictLines(result.ifPutNow)) print(line);
    return;
  }
  for (const change of result.changes) {
    print(heading(change));
    for (const line of verdictLines(change.hooks)) print(line);
  }
}

/** One `watch` line: time, event, key, size, what the hooks did. */
export function watchLine(change: ObjectChangeView): string {
  const size = change.size === null ? '' : `  ${change.size} B`;
  const hooks = change.hooks.length === 0 ? 'no hooks' : change.hooks.map((h) => `${h.hookId} ${h.outcome}`).join(', ');
  return `${new Date(change.time).toISOString()}  ${change.eventName}  ${change.key}${size}  [${hooks}]`;
}

/** `watch BUCKET [--prefix P] [--json]`: print each object change of the bucket as it commits, until interrupted. */
export async function watch(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = parse(argv, { prefix: { type: 'string' }, json: { type: 'boolean' } });
  const [bucket] = positionals;
  if (!bucket || positionals.length > 1) throw new UsageError('usage: buckethooks watch BUCKET [--prefix P] [--json]');
  const prefix = text(values, 'prefix') ?? '';
  const remote = server(values, env);
  const events = await remote.events();
  const buckets = await remote.api<{ name: string }[]>('buckets.list', {});
  if (!buckets.some((b) => b.name === bucket)) throw new CommandFailed(`no bucket ${bucket} on the server at ${remote.info.endpoint}`);
  process.stderr.write(`Watching ${bucket}${prefix ? ` (keys starting with ${prefix})` : ''}; Ctrl-C to stop\n`);
  for await (const event of events) {
    if (event.name !== 'objects.changed') continue;
    const change = event.data as ObjectChangeView;
    if (change.bucket !== bucket || !change.key.startsWith(prefix)) continue;
    print(values.json ? JSON.stringify(change) : watchLine(change));
  }
  throw new CommandFailed('the server closed the event stream (it stopped)');
}

/** One progress line of a backfill. */
export function backfillLine(p: BackfillProgress): string {
  const dropped = p.dropped ? `, ${p.dropped} dropped by the cancel` : '';
  return `${p.sent}/${p.total} sent (${p.delivered} delivered, ${p.failed} failed), ${p.queued} queued${dropped}`;
}

/**
 * `backfill BUCKET --hook ID [--prefix P]`: send the hook one Put-shaped event per current object it matches, following
 * the progress; Ctrl-C cancels the backfill (what was not sent yet fails as cancelled) before exiting.
 */
export async function backfill(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = parse(argv, { hook: { type: 'string' }, prefix: { type: 'string' } });
  const [bucket] = positionals;
  const hook = text(values, 'hook');
  if (!bucket || !hook || positionals.length > 1) throw new UsageError('usage: buckethooks backfill BUCKET --hook ID [--prefix P]');
  const remote = server(values, env);
  const events = await remote.events();
  const started = await remote.api<BackfillProgress>('hooks.backfill', { bucket, id: hook, prefix: text(values, 'prefix') });
  print(`Backfilling ${bucket} to hook ${hook}${started.prefix ? ` (keys starting with ${started.prefix})` : ''}: job ${started.jobId}`);
  const cancel = () => { void remote.api('hooks.cancelBackfill', { jobId: started.jobId }); };
  process.once('SIGINT', cancel);
  let last = started;
  let shown = '';
  try {
    for await (const event of events) {
      if (event.name !== 'hooks.backfillProgress' || (event.data as BackfillProgress).jobId !== started.jobId) continue;
      last = event.data as BackfillProgress;
      if (last.finished) break;
      const line = backfillLine(last);
      if (line !== shown) print(`  ${line}`);
      shown = line;
    }
  } finally {
    process.off('SIGINT', cancel);
  }
  if (!last.finished) throw new CommandFailed('the server closed the event stream before the backfill finished');
  print(`${last.cancelled ? 'Cancelled' : 'Done'}: ${backfillLine(last)}`);
  if (last.error) throw new CommandFailed(last.error);
}
