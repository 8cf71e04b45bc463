// CLI commands on connection profiles: `remote add|list|remove|test` and `hooks list BUCKET [--profile NAME]`.
// Profiles live in the data dir's remotes.json, read and written directly (the running server reads it on each
// use), so these work with or without a server; remote calls go straight to the remote service.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LOCAL_PROFILE, type HookView } from '../../src-shared/contract';
import { DEFAULTS } from '../core/kernel/config';
import { AppError } from '../core/kernel/app-error';
import { silentLogger } from '../core/kernel/logger';
import { createRemotes, type Remotes } from '../core/remote/create-remotes';
import { ownerOnlyFileSecrets } from '../core/kernel/secret-store';
import { requireRemoteHooks } from '../core/remote/remote-notifications';
import { withEndpoints } from '../core/remote/topic-targets';
import { toRemoteAppError } from '../core/remote/remote-error';
import { CommandFailed, UsageError } from '../launch/options';
import { ensureDataDir } from '../launch/data-dir';
import { connect } from './remote';

type Print = (line: string) => void;
type Flags = Record<string, { type: 'string' | 'boolean' }>;

/** Parse flags (plus --data-dir) strictly; mistakes are UsageErrors. */
export function parseFlags(argv: string[], options: Flags): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...options, 'data-dir': { type: 'string' } } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The data dir named by --data-dir, BUCKETHOOKS_DATA_DIR or the default. */
export function dataDirOf(values: Record<string, unknown>, env: NodeJS.ProcessEnv): string {
  return (values['data-dir'] as string | undefined) ?? env.BUCKETHOOKS_DATA_DIR ?? DEFAULTS.dataDir;
}

/** The profiles of a data dir, as a headless process keeps them (secrets in owner-only files). */
export function openRemotes(dataDir: string): Remotes {
  ensureDataDir(dataDir);
  return createRemotes({ dataDir, secrets: ownerOnlyFileSecrets, logger: silentLogger });
}

/** Run `fn` on a remote profile's connection; failures of the remote exit 1 with a readable reason. */
export async function onProfile<T>(dataDir: string, name: string, fn: (remotes: Remotes) => Promise<T>): Promise<T> {
  const remotes = openRemotes(dataDir);
  try {
    return await fn(remotes);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const host = remotes.list().find((p) => p.name === name)?.endpoint ?? name;
    throw new CommandFailed(toRemoteAppError(err, host).message);
  } finally {
    remotes.close();
  }
}

const ADD_USAGE = 'usage: buckethooks remote add NAME --endpoint URL --region R --access-key K --secret-key S|- [--path-style] [--no-verify-tls]';

async function add(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = parseFlags(argv, {
    endpoint: { type: 'string' }, region: { type: 'string' }, 'access-key': { type: 'string' }, 'secret-key': { type: 'string' },
    'path-style': { type: 'boolean' }, 'no-verify-tls': { type: 'boolean' },
  });
  const [name] = positionals;
  const [endpoint, region, accessKey, secret] = ['endpoint', 'region', 'access-key', 'secret-key'].map((k) => values[k] as string | undefined);
  if (!name || positionals.length > 1 || !endpoint || !region || !accessKey || !secret) throw new UsageError(ADD_USAGE);
  const secretKey = secret === '-' ? readFileSync(0, 'utf8').split('\n')[0].trim() : secret;
  const remotes = openRemotes(dataDirOf(values, env));
  try {
    const view = remotes.save({ name, endpoint, region, accessKey, secretKey, pathStyle: values['path-style'] === true, verifyTls: values['no-verify-tls'] !== true });
    print(`Saved profile ${view.name} (${view.endpoint}, ${view.region}); test it with: buckethooks remote test ${view.name}`);
  } catch (err) {
    if (err instanceof AppError) throw new UsageError(err.message);
    throw err;
  } finally {
    remotes.close();
  }
}

async function list(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values } = parseFlags(argv, {});
  const remotes = openRemotes(dataDirOf(values, env));
  const profiles = remotes.list();
  if (profiles.length === 0) print('No remote profiles (add one with: buckethooks remote add NAME --endpoint URL …)');
  for (const p of profiles) {
    print([p.name, p.endpoint, p.region, p.accessKey, p.pathStyle ? 'path-style' : 'virtual-host',
      p.verifyTls ? 'verify-tls' : 'no-verify-tls', p.hasSecret ? 'secret: saved' : 'secret: missing'].join('\t'));
  }
  remotes.close();
}

async function remove(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = parseFlags(argv, {});
  if (positionals.length !== 1) throw new UsageError('usage: buckethooks remote remove NAME');
  const remotes = openRemotes(dataDirOf(values, env));
  try {
    remotes.remove(positionals[0]);
  } catch (err) {
    throw new CommandFailed((err as Error).message);
  } finally {
    remotes.close();
  }
  print(`Removed profile ${positionals[0]}`);
}

async function test(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = parseFlags(argv, {});
  if (positionals.length !== 1) throw new UsageError('usage: buckethooks remote test NAME');
  const remotes = openRemotes(dataDirOf(values, env));
  const outcome = await remotes.test(positionals[0]);
  remotes.close();
  if (!outcome.ok) throw new CommandFailed(`${outcome.kind} error: ${outcome.message}`);
  print(`OK: ${outcome.message}`);
}

const REMOTE: Record<string, (argv: string[], env: NodeJS.ProcessEnv, print: Print) => Promise<void>> = { add, list, remove, test };

/** `remote add|list|remove|test …`. */
export async function remoteCommand(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const [sub, ...rest] = argv;
  const run = sub ? REMOTE[sub] : undefined;
  if (!run) throw new UsageError('usage: buckethooks remote add|list|remove|test …');
  await run(rest, env, print);
}

/**
 * `hooks list BUCKET [--profile NAME]`: one line per hook (Id, events, URL; a topic hook adds its topic ARN), and
 * one indented line per part BucketHooks cannot edit.
 */
export async function hooksCommand(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseFlags(rest, { profile: { type: 'string' } });
  if (sub !== 'list' || positionals.length !== 1) throw new UsageError('usage: buckethooks hooks list|show|set|stats BUCKET …');
  const [bucket] = positionals;
  const profile = (values.profile as string | undefined) ?? LOCAL_PROFILE;
  const dataDir = dataDirOf(values, env);
  const hooks: { id: string; events: string[]; url: string; topicArn?: string | null; readOnly?: string[] }[] = profile === LOCAL_PROFILE
    ? await connect(dataDir).api<HookView[]>('hooks.list', { bucket })
    : (await onProfile(dataDir, profile, async (remotes) => {
      const conn = remotes.connection(profile);
      return withEndpoints(conn, await requireRemoteHooks(conn, bucket));
    })).map((h) => ({ ...h, url: h.endpoint, readOnly: h.kept.map((k) => k.text) }));
  if (hooks.length === 0) print(`No hooks on ${bucket}`);
  for (const h of hooks) {
    print(`${h.id}\t${h.events.join(',')}\t${h.url}${h.topicArn ? `\t(topic ${h.topicArn})` : ''}`);
    for (const part of h.readOnly ?? []) print(`  read-only, kept as is: ${part}`);
  }
}
