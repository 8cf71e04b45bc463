// `listen BUCKET --profile NAME --forward-to URL …`: relay a remote bucket's events to a receiver on this computer
// (the listen service of the running server, or of a core started here). Prints `Listening: …` once the hook is in
// place, one line per event, and on SIGINT/SIGTERM removes its hook and prints `Removed hook …`.
import { CommandFailed, UsageError } from '../launch/options';
import type { ListenForwarded, ListenNotice, ListenRequest, ListenSession, ListenStopped } from '../../src-shared/contract';
import { openLink, type ApiLink } from './api-link';
import { parse, text } from './commands';
import { dataDirOf } from './remote-commands';

type Print = (line: string) => void;

/** The session's lease: a killed `listen` leaves no relay running in the server past it (renewed every third). */
const LEASE_MS = 15_000;

const USAGE = 'usage: buckethooks listen BUCKET --profile NAME --forward-to URL [--public-url URL] [--port N] [--events LIST] '
  + '[--prefix P] [--suffix S] [--dialect vk|aws] [--ack always] [--clean]';

/** The request the flags describe. */
function request(argv: string[]): { request: ListenRequest; values: Record<string, string | boolean | undefined> } {
  const { values, positionals } = parse(argv, {
    profile: { type: 'string' }, 'forward-to': { type: 'string' }, 'public-url': { type: 'string' }, port: { type: 'string' },
    events: { type: 'string' }, prefix: { type: 'string' }, suffix: { type: 'string' }, dialect: { type: 'string' },
    ack: { type: 'string' }, clean: { type: 'boolean' },
  });
  const profile = text(values, 'profile');
  const forwardTo = text(values, 'forward-to');
  if (positionals.length !== 1 || !profile || !forwardTo) throw new UsageError(USAGE);
  const ack = text(values, 'ack');
  if (ack !== undefined && ack !== 'always') throw new UsageError(`--ack takes "always" (answer the remote 200 whatever the receiver says), got "${ack}"`);
  const dialect = text(values, 'dialect');
  if (dialect !== undefined && dialect !== 'vk' && dialect !== 'aws') throw new UsageError(`--dialect must be vk or aws, got "${dialect}"`);
  const port = text(values, 'port');
  if (port !== undefined && !/^\d{1,5}$/.test(port)) throw new UsageError(`--port must be a port number, got "${port}"`);
  return {
    values,
    request: {
      profile, bucket: positionals[0], forwardTo, publicUrl: text(values, 'public-url'), port: port === undefined ? undefined : Number(port),
      events: text(values, 'events')?.split(',').map((e) => e.trim()).filter(Boolean), prefix: text(values, 'prefix'),
      suffix: text(values, 'suffix'), dialect, ackAlways: ack === 'always', clean: values.clean === true, leaseMs: LEASE_MS,
    },
  };
}

const clock = (at: number) => new Date(at).toTimeString().slice(0, 8);

/** One line per forwarded event: time, event name, key, the local receiver's status (or error), milliseconds. */
export function forwardedLine(f: ListenForwarded): string {
  const answer = f.status === null ? `failed (${f.error ?? 'no answer'})` : String(f.status);
  const told = f.answered !== (f.status ?? 502) ? `, remote told ${f.answered}` : '';
  return `${clock(f.at)}  ${f.eventName}  ${f.key || '-'}  -> ${answer}  ${f.durationMs} ms${told}  (delivery ${f.deliveryId})`;
}

const stoppedLine = (s: ListenStopped) => (s.removed
  ? `Removed hook ${s.session.hookId} from ${s.session.profile}/${s.session.bucket}`
  : `Could not remove hook ${s.session.hookId} from ${s.session.profile}/${s.session.bucket}: ${s.error ?? 'it was no longer there'}`);

async function start(link: ApiLink, r: ListenRequest): Promise<ListenSession> {
  try {
    return await link.api<ListenSession>('listen.start', r);
  } catch (err) {
    throw new CommandFailed((err as Error).message.replace(/^(\w+): /, ''));
  }
}

/** `listen …`: resolves when the session has stopped (signal, or stopped from the UI). */
export async function listen(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { request: r, values } = request(argv);
  const dataDir = dataDirOf(values, env);
  const link = await openLink(dataDir, env);
  if (link.startedHere) print(`No server runs on ${dataDir}: started one in this process (${link.startedHere}) while listening`);
  const events = await link.events();
  let session: ListenSession;
  try {
    session = await start(link, r);
  } catch (err) {
    await events.return?.();
    await link.close();
    throw err;
  }
  if (session.cleaned.length) print(`Removed stale listen hooks from ${r.profile}/${r.bucket}: ${session.cleaned.join(', ')}`);
  if (session.stale.length) print(`Stale listen hooks on ${r.profile}/${r.bucket}: ${session.stale.join(', ')} (left by a listen that could not clean up; --clean removes them)`);

  let stopping = false;
  const renewal = setInterval(() => { link.api('listen.renew', { id: session.id }).catch(() => undefined); }, LEASE_MS / 3);
  const finish = async (signal: string) => {
    if (stopping) {
      // A second Ctrl-C gives up on the removal; any other signal meanwhile is ignored (the hook is being removed).
      if (signal !== 'SIGINT') return;
      print(`Stopped before the hook was removed: ${session.hookId} may be left on ${session.profile}/${session.bucket} (the next listen names it, --clean removes it)`);
      process.exit(130);
    }
    stopping = true;
    clearInterval(renewal);
    print(`${signal}: removing hook ${session.hookId}…`);
    let removed = false;
    try {
      const stopped = await link.api<ListenStopped>('listen.stop', { id: session.id });
      removed = stopped.removed;
      print(stoppedLine(stopped));
    } catch (err) {
      print(`Could not remove hook ${session.hookId} from ${session.profile}/${session.bucket}: ${(err as Error).message}`);
    }
    // Not events.return(): the loop below is inside events.next(), and a generator's return waits for it.
    await link.close();
    process.exit(removed ? 0 : 1);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void finish(signal));
  // Only now: whoever reads this line may signal at once (a process can be switched out right after the write).
  print(`Listening: ${session.publicUrl} -> ${session.forwardTo} (hook ${session.hookId} on ${session.profile}/${session.bucket})`);

  for (let next = await events.next(); !next.done; next = await events.next()) {
    const { name, data } = next.value;
    if (name === 'listen.forwarded' && (data as ListenForwarded).sessionId === session.id) print(forwardedLine(data as ListenForwarded));
    else if (name === 'listen.notice' && (data as ListenNotice).sessionId === session.id) print(`${clock((data as ListenNotice).at)}  ${(data as ListenNotice).detail}`);
    else if (name === 'listen.changed' && (data as ListenSession).id === session.id && (data as ListenSession).state === 'stopped' && !stopping) {
      clearInterval(renewal);
      print(`Stopped from elsewhere (the app's Stop): hook ${session.hookId} removed from ${session.profile}/${session.bucket}`);
      await events.return?.();
      await link.close();
      return;
    }
  }
  if (stopping) return;
  clearInterval(renewal);
  await link.close();
  throw new CommandFailed(`the server stopped; hook ${session.hookId} may be left on ${session.profile}/${session.bucket} (the next listen names it, --clean removes it)`);
}
