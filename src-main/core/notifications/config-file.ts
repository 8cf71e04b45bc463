// The exported configuration file: the document GET ?notification returns, plus one processing instruction per hook
// carrying the BucketHooks extras S3 has no XML for (retry policy, maximum age, timeout, payload flavour, and the secret
// and delivery auth only when asked): <?buckethooks-hook id="…" retry-schedule-ms="1000 5000" flavour="sns" secret="…"?>. XML readers skip processing
// instructions, so the file still PUTs to any S3 service; importing it here restores the extras. Pure.
import { XMLParser } from 'fast-xml-parser';
import { invalidArgument } from './errors';
import { checkHookOptions, HOOK_DEFAULTS, type HookOptions } from './hook-options';
import type { HookExtras } from './hooks-repo';
import { parseConfig } from './parse-config';
import { escapeXml, renderConfig } from './render-config';
import type { Hook, HookSpec } from './types';
import type { HookAuth } from '../../../src-shared/contract';
import { validateConfig } from './validate-config';

/** The processing instruction's target. */
export const EXTRAS_PI = 'buckethooks-hook';

/** A configuration file read back: its validated hooks and the extras its instructions set, by hook Id. */
export interface ConfigFile { specs: HookSpec[]; extras: Map<string, HookExtras> }

const attr = (name: string, value: string) => ` ${name}="${escapeXml(value)}"`;

/** What an export with secrets adds per hook. */
export interface HookSecrets { secret: string | null; auth: HookAuth | null }

function instruction(hook: Hook, secrets: HookSecrets | null): string {
  const secret = hook.hasSecret ? secrets?.secret : null;
  let attrs = '';
  if (hook.flavourSet) attrs += attr('flavour', hook.flavour);
  if (hook.retrySchedule) attrs += attr('retry-schedule-ms', hook.retrySchedule.join(' '));
  if (hook.maxAgeMs !== null) attrs += attr('max-age-ms', String(hook.maxAgeMs));
  if (hook.timeoutMs !== HOOK_DEFAULTS.timeoutMs) attrs += attr('timeout-ms', String(hook.timeoutMs));
  if (secret) attrs += attr('secret', secret);
  if (secrets?.auth) attrs += attr('auth', JSON.stringify(secrets.auth));
  return attrs ? `<?${EXTRAS_PI}${attr('id', hook.id)}${attrs}?>\n` : '';
}

// compat: S3 has no place for these extras; processing instructions keep the file a valid configuration document.
/**
 * The file "Export" saves: the configuration document with an instruction per hook that has extras.
 * `secretsOf` (the signing secret and the delivery auth) is asked only when secrets are to be included.
 */
export function renderConfigFile(hooks: readonly Hook[], secretsOf: ((id: string) => HookSecrets) | null): string {
  const document = renderConfig(hooks);
  const instructions = hooks.map((h) => instruction(h, secretsOf ? secretsOf(h.id) : null)).join('');
  const declarationEnd = document.indexOf('?>\n') + 3;
  return document.slice(0, declarationEnd) + instructions + document.slice(declarationEnd);
}

// Only the top level is read: the configuration element itself is left unparsed (parseConfig checks it).
const prolog = new XMLParser({
  preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', ignoreDeclaration: true, ignorePiTags: false,
  parseAttributeValue: false, processEntities: true, stopNodes: ['NotificationConfiguration'],
});

function number(value: string | undefined, name: string, id: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw invalidArgument(`${name} of hook ${id} must be a whole number of ms`, name, value);
  return n;
}

function parseAuth(text: string, id: string): HookAuth {
  try { return JSON.parse(text) as HookAuth; } catch { throw invalidArgument(`auth of hook ${id} is not JSON`, 'auth', text.slice(0, 64)); }
}

function optionsOf(attrs: Record<string, string>, id: string): HookOptions {
  const schedule = attrs['retry-schedule-ms']?.trim();
  const options: HookOptions = {
    retrySchedule: schedule === undefined ? undefined : schedule === '' ? null
      : schedule.split(/\s+/).map((d) => number(d, 'retry-schedule-ms', id) as number),
    maxAgeMs: number(attrs['max-age-ms'], 'max-age-ms', id),
    timeoutMs: number(attrs['timeout-ms'], 'timeout-ms', id),
    secret: attrs.secret,
    flavour: attrs.flavour as HookOptions['flavour'],
    auth: attrs.auth === undefined ? undefined : parseAuth(attrs.auth, id),
  };
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as HookOptions;
}

/**
 * Read a configuration file: the document validated as a PUT would be, and the extras of its instructions
 * (each checked like the hook dialog's input; an instruction naming no hook of the file is refused).
 * @throws ConfigError MalformedXML / InvalidArgument, AppError InvalidHookOptions.
 */
export function readConfigFile(xml: string): ConfigFile {
  const specs = validateConfig(parseConfig(xml));
  const ids = new Set(specs.map((s) => s.id));
  const extras = new Map<string, HookExtras>();
  if (!xml.includes(`<?${EXTRAS_PI}`)) return { specs, extras };
  for (const node of prolog.parse(xml) as Record<string, unknown>[]) {
    if (!(`?${EXTRAS_PI}` in node)) continue;
    const attrs = (node[':@'] ?? {}) as Record<string, string>;
    const id = attrs.id ?? '';
    if (!ids.has(id)) throw invalidArgument(`The ${EXTRAS_PI} instruction names hook "${id}", which the file does not define`, 'Id', id);
    extras.set(id, checkHookOptions(optionsOf(attrs, id)));
  }
  return { specs, extras };
}
