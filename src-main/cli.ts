// The `buckethooks` command line: serve | export-config | import-config | replay | deliveries | status | env | remote |
// hooks | listen | explain | watch | backfill | catalog | check, each with --help (exit 0). Usage errors print one line and exit 2, failed commands one
// line and exit 1; never a stack trace.
import { startHeadless } from './cli/headless';
import { env, exportConfig, importConfig, replay, status } from './cli/commands';
import { hooksCommand, remoteCommand } from './cli/remote-commands';
import { hooksStats } from './cli/hooks-stats';
import { backfill, explain, watch } from './cli/devkit-commands';
import { catalog, hookSettings } from './cli/flavour-commands';
import { check } from './cli/check-command';
import { deliveries } from './cli/deliveries-command';
import { describeError } from './cli/errors';
import { listen } from './cli/listen';
import { COMMAND_HELP, commandHelp, mainHelp } from './cli/usage';
import { silenceKnownNotices } from './launch/known-notices';

silenceKnownNotices();

type Command = (argv: string[], env: NodeJS.ProcessEnv, print: (line: string) => void) => Promise<unknown>;

const COMMANDS: Record<keyof typeof COMMAND_HELP, Command> = {
  serve: (argv, env, print) => startHeadless(argv, env, print),
  'export-config': exportConfig,
  'import-config': importConfig,
  replay,
  deliveries,
  status,
  env,
  remote: remoteCommand,
  hooks: (argv, env, print) => {
    if (argv[0] === 'stats') return hooksStats(argv.slice(1), env, print);
    return argv[0] === 'show' || argv[0] === 'set' ? hookSettings(argv[0], argv.slice(1), env, print) : hooksCommand(argv, env, print);
  },
  listen,
  explain,
  watch,
  backfill,
  catalog,
  check,
};

const HELP = new Set(['--help', '-h', 'help']);
const print = (line: string) => process.stdout.write(line + '\n');
const [command, ...rest] = process.argv.slice(2);

if (command === undefined || HELP.has(command)) {
  print(mainHelp());
} else if (!Object.hasOwn(COMMANDS, command)) {
  process.stderr.write(`buckethooks: unknown command "${command}"\n${mainHelp()}\n`);
  process.exitCode = 2;
} else if (rest.some((a) => a === '--help' || a === '-h')) {
  print(commandHelp(command));
} else {
  COMMANDS[command](rest, process.env, print).catch((err: unknown) => {
    const { line, code } = describeError(err);
    process.stderr.write(`buckethooks ${command}: ${line}\n`);
    process.exit(code);
  });
}
