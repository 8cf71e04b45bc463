// The `buckethooks` command line: serve | export-config | import-config | replay | status | env | remote | hooks |
// explain | watch | backfill, each with --help (exit 0). Usage errors print one line and exit 2, failed commands one
// line and exit 1; never a stack trace.
import { startHeadless } from './cli/headless';
import { env, exportConfig, importConfig, replay, status } from './cli/commands';
import { hooksCommand, remoteCommand } from './cli/remote-commands';
import { hooksStats } from './cli/hooks-stats';
import { backfill, explain, watch } from './cli/devkit-commands';
import { describeError } from './cli/errors';
import { COMMAND_HELP, commandHelp, mainHelp } from './cli/usage';

type Command = (argv: string[], env: NodeJS.ProcessEnv, print: (line: string) => void) => Promise<unknown>;

const COMMANDS: Record<keyof typeof COMMAND_HELP, Command> = {
  serve: (argv, env, print) => startHeadless(argv, env, print),
  'export-config': exportConfig,
  'import-config': importConfig,
  replay,
  status,
  env,
  remote: remoteCommand,
  hooks: (argv, env, print) => (argv[0] === 'stats' ? hooksStats(argv.slice(1), env, print) : hooksCommand(argv, env, print)),
  explain,
  watch,
  backfill,
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
