// The CLI of payload flavours and delivery auth against the running server: `catalog` (samples and schemas per flavour
// and event), `hooks set BUCKET ID` (flavour, headers, bearer token, basic auth, secret) and `hooks show BUCKET ID`
// (secrets masked: the server never gives them back).
import { parseArgs } from 'node:util';
import type { CatalogFlavour, HookAuth, HookView } from '../../src-shared/contract';
import { CommandFailed, UsageError } from '../launch/options';
import { server } from './commands';

type Print = (line: string) => void;

/** `parse()` of node:util with mistakes as UsageErrors. */
function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

const DATA_DIR = { 'data-dir': { type: 'string' } } as const;

/** `catalog [--flavour F] [--event E] [--schema]`: each flavour's sample request per event (or the body's JSON Schema). */
export async function catalog(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = usage(() => parseArgs({ args: argv, allowPositionals: true, strict: true,
    options: { flavour: { type: 'string' }, event: { type: 'string' }, schema: { type: 'boolean' }, ...DATA_DIR } }));
  if (positionals.length) throw new UsageError('usage: buckethooks catalog [--flavour F] [--event E] [--schema]');
  const flavours = await server(values, env).api<CatalogFlavour[]>('catalog.list', values.flavour ? { flavour: values.flavour } : {});
  for (const f of flavours) {
    const events = f.events.filter((e) => !values.event || e.event === values.event || e.event.endsWith(`:${values.event}`));
    if (values.event && events.length === 0) throw new CommandFailed(`no event ${values.event} in the catalog (events: ${f.events.map((e) => e.event).join(', ')})`);
    print(`# ${f.flavour}: ${f.description}`);
    for (const e of events) {
      print(`## ${e.event}`);
      if (values.schema) { print(JSON.stringify(e.schema, null, 2)); continue; }
      for (const [name, value] of Object.entries(e.headers)) print(`${name}: ${value}`);
      print('');
      print(JSON.stringify(JSON.parse(e.body), null, 2));
    }
    if (!values.event && !values.schema) {
      print('## hard keys (raw → as this flavour writes them)');
      for (const k of f.hardKeys) print(`${k.raw.length > 60 ? `${k.raw.slice(0, 20)}…(${k.raw.length} bytes)` : k.raw} → ${k.encoded.length > 60 ? `${k.encoded.slice(0, 20)}…` : k.encoded}`);
    }
  }
}

/** The hook `id` of `bucket` on the running server. */
async function hookOf(remote: ReturnType<typeof server>, bucket: string, id: string): Promise<HookView> {
  const hook = (await remote.api<HookView[]>('hooks.list', { bucket })).find((h) => h.id === id);
  if (!hook) throw new CommandFailed(`Bucket ${bucket} has no hook with Id ${id}`);
  return hook;
}

/** One hook as `hooks show` prints it: flavour and auth by name only. */
export function showLines(h: HookView): string[] {
  return [`id: ${h.id}`, `url: ${h.url}`, `events: ${h.events.join(', ')}`, `flavour: ${h.flavour}`, `secret: ${h.hasSecret ? '••••••••' : 'none'}`,
    `headers: ${h.auth.headers.length ? h.auth.headers.map((n) => `${n}: ••••••••`).join('; ') : 'none'}`,
    `bearer token: ${h.auth.bearer ? '••••••••' : 'none'}`, `basic auth: ${h.auth.basicUser ? `${h.auth.basicUser}:••••••••` : 'none'}`];
}

/** `hooks show BUCKET ID` and `hooks set BUCKET ID [--flavour F] [--header "N: v"]… [--bearer-token T] [--basic-auth U:P] [--secret S]`. */
export async function hookSettings(sub: 'show' | 'set', argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = usage(() => parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
    flavour: { type: 'string' }, header: { type: 'string', multiple: true }, 'bearer-token': { type: 'string' },
    'basic-auth': { type: 'string' }, secret: { type: 'string' }, 'no-auth': { type: 'boolean' }, ...DATA_DIR,
  } }));
  const [bucket, id] = positionals;
  if (!bucket || !id || positionals.length > 2) throw new UsageError(`usage: buckethooks hooks ${sub} BUCKET ID`);
  const remote = server({ 'data-dir': values['data-dir'] }, env);
  const hook = await hookOf(remote, bucket, id);
  if (sub === 'show') { showLines(hook).forEach((l) => print(l)); return; }
  const headers = (values.header ?? []).map((h) => {
    const at = h.indexOf(':');
    if (at <= 0) throw new UsageError(`--header must be "Name: value", got "${h}"`);
    return { name: h.slice(0, at).trim(), value: h.slice(at + 1).trim() };
  });
  const basicAuth = values['basic-auth'];
  if (basicAuth !== undefined && !basicAuth.includes(':')) throw new UsageError('--basic-auth must be USER:PASSWORD');
  const auth: HookAuth | null | undefined = values['no-auth'] ? null
    : headers.length || values['bearer-token'] !== undefined || basicAuth !== undefined
      ? { headers, bearerToken: values['bearer-token'] ?? null,
        basic: basicAuth === undefined ? null : { user: basicAuth.slice(0, basicAuth.indexOf(':')), password: basicAuth.slice(basicAuth.indexOf(':') + 1) } }
      : undefined;
  const input = { id: hook.id, events: hook.events, url: hook.url, prefix: hook.prefix, suffix: hook.suffix,
    ...(values.flavour !== undefined ? { flavour: values.flavour } : {}), ...(auth !== undefined ? { auth } : {}),
    ...(values.secret !== undefined ? { secret: values.secret } : {}) };
  const { hook: saved } = await remote.api<{ hook: HookView }>('hooks.upsert', { bucket, hook: input });
  showLines(saved).forEach((l) => print(l));
}
