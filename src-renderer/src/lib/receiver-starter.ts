// Receiver starter code for the hook dialog: the files under examples/receivers (imported as raw text, so the
// code shown is the code the tests run) with the hook's URL and secret written over their placeholders.
import nodeSource from '../../../examples/receivers/node/receiver.mjs?raw';
import pythonSource from '../../../examples/receivers/python/receiver.py?raw';
import goSource from '../../../examples/receivers/go/main.go?raw';
import { fillStarter, type StarterValues } from './starter-fill';

/** One language's ready-to-run receiver. */
export interface ReceiverStarter { language: string; fileName: string; run: string; source: string }

const STARTERS = [
  { language: 'Node', fileName: 'receiver.mjs', run: 'node receiver.mjs', source: nodeSource },
  { language: 'Python', fileName: 'receiver.py', run: 'python3 receiver.py', source: pythonSource },
  { language: 'Go', fileName: 'main.go', run: 'go run main.go', source: goSource },
];

/** `NAME=value ` for a POSIX shell, the value single-quoted when it holds anything but URL-safe characters. */
const shellEnv = (env: Record<string, string>) => Object.entries(env)
  .map(([name, value]) => `${name}=${/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`} `).join('');

/** The three receivers with `values` filled in (an empty value keeps its placeholder), run with `env` set. */
export function receiverStarters(values: StarterValues, env: Record<string, string> = {}): ReceiverStarter[] {
  return STARTERS.map((s) => ({ ...s, run: shellEnv(env) + s.run, source: fillStarter(s.source, values) }));
}

/** What a starter needs in its environment for `flavour`: sns trusts this server's certificate URL prefix. */
export function starterEnv(flavour: string, endpoint: string | undefined): Record<string, string> {
  return flavour === 'sns' && endpoint ? { SNS_CERT_URL_PREFIXES: `${endpoint.replace(/\/+$/, '')}/_sns/` } : {};
}
