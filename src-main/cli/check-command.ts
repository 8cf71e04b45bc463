// `buckethooks check URL`: runs the receiver check battery against URL and prints one line per case as it finishes,
// the score line, optionally the JSON report or a JUnit file; exits 1 when a case failed. Logic lives in core/check.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CommandFailed, UsageError } from '../launch/options';
import { caseLine, junitXml, runCheck, scoreLine, type CheckOptions } from '../core/check';
import { loadSnsKeys, type SnsKeys } from '../core/payloads/sns-keys';
import { ensureDataDir } from '../launch/data-dir';
import { dataDirOf } from './remote-commands';

type Print = (line: string) => void;

const USAGE = 'usage: buckethooks check URL [--flavour F] [--secret S] [--header "K: V"]… [--json] [--junit FILE] [--only NAMES] [--timeout MS] [--slow MS] [--data-dir DIR]';

/** `"Name: value"` pairs as a header map; a pair without a colon or name is a usage error. */
export function parseHeaders(pairs: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of pairs) {
    const colon = pair.indexOf(':');
    const name = colon > 0 ? pair.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError(`--header must be "Name: value", got "${pair}"`);
    headers[name.toLowerCase()] = pair.slice(colon + 1).trim();
  }
  return headers;
}

function milliseconds(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} must be a whole number of milliseconds, got "${raw}"`);
  return Number(raw);
}

/** The command line as check options (URL first). */
function parseCheck(argv: string[]): [string, CheckOptions, { json: boolean; junit?: string; dataDir?: string }] {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        flavour: { type: 'string' }, secret: { type: 'string' }, header: { type: 'string', multiple: true },
        json: { type: 'boolean' }, junit: { type: 'string' }, only: { type: 'string', multiple: true },
        timeout: { type: 'string' }, slow: { type: 'string' }, 'data-dir': { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const options: CheckOptions = {
    flavour: values.flavour, secret: values.secret, headers: parseHeaders(values.header ?? []),
    only: (values.only ?? []).flatMap((o) => o.split(',')),
    timeoutMs: milliseconds(values.timeout, '--timeout'), slowMs: milliseconds(values.slow, '--slow'),
  };
  return [positionals[0], options, { json: values.json === true, junit: values.junit, dataDir: values['data-dir'] }];
}

/** The SNS keys of `dataDir` (the ones its server signs with), made there on first use. */
function snsKeysOf(dataDir: string): SnsKeys {
  ensureDataDir(dataDir);
  return loadSnsKeys(dataDir);
}

/** `check URL …`: the battery, live lines, the score; exit 1 when a case failed, 2 on a usage error. */
export async function check(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const [url, options, output] = parseCheck(argv);
  const live = output.json ? undefined : print;
  live?.(`Checking ${url} (flavour ${options.flavour ?? 'vk'})`);
  const snsKeys = options.flavour === 'sns' ? snsKeysOf(dataDirOf({ 'data-dir': output.dataDir }, env)) : undefined;
  const report = await runCheck(url, { ...options, onCase: live && ((r) => live(caseLine(r))) }, { snsKeys });
  if (output.junit) {
    writeFileSync(output.junit, junitXml(report));
    if (!output.json) print(`Wrote ${output.junit}`);
  }
  if (output.json) print(JSON.stringify(report, null, 2));
  else print(`${scoreLine(report)} (${(report.durationMs / 1000).toFixed(1)} s)`);
  if (report.failed > 0) throw new CommandFailed(`${report.failed} case${report.failed === 1 ? '' : 's'} failed`);
}
