// The `buckethooks` command line: serve | export-config | import-config | replay | status | remote | hooks.
// Usage errors print one line and exit 2, failed commands one line and exit 1; nothing prints a stack trace.
import { startHeadless } from './cli/headless';
import { exportConfig, importConfig, replay, status } from './cli/commands';
import { hooksCommand, remoteCommand } from './cli/remote-commands';
import { CommandFailed, UsageError } from './launch/options';

const USAGE = `usage: buckethooks <command> [options]
  serve [--host H] [--port N] [--data-dir DIR] [--access-key K --secret-key S] [--region R] [--confirm strict|record|off]
  export-config BUCKET [--out FILE] [--profile NAME] [--data-dir DIR]
  import-config BUCKET FILE [--profile NAME] [--data-dir DIR]
  replay [--bucket B] [--hook ID] [--status failed|pending|delivered] [--since TIME] [--until TIME] [--prefix P] [--data-dir DIR]
  status [--data-dir DIR]
  remote add NAME --endpoint URL --region R --access-key K --secret-key S|- [--path-style] [--no-verify-tls] [--data-dir DIR]
  remote list|remove NAME|test NAME [--data-dir DIR]
  hooks list BUCKET [--profile NAME] [--data-dir DIR]`;

const COMMANDS: Record<string, (argv: string[], env: NodeJS.ProcessEnv, print: (line: string) => void) => Promise<unknown>> = {
  serve: (argv, env, print) => startHeadless(argv, env, print),
  'export-config': exportConfig,
  'import-config': importConfig,
  replay,
  status,
  remote: remoteCommand,
  hooks: hooksCommand,
};

// The pinned AWS SDK supports Node 20; its notice about 2027 releases is noise for our users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const print = (line: string) => process.stdout.write(line + '\n');
const [command, ...rest] = process.argv.slice(2);
const run = command ? COMMANDS[command] : undefined;
if (!run) {
  process.stderr.write(USAGE + '\n');
  process.exit(command ? 2 : 0);
}
run(rest, process.env, print).catch((err: Error) => {
  if (err instanceof CommandFailed) {
    process.stderr.write(`buckethooks ${command}: ${err.message}\n`);
    process.exit(1);
  }
  const known = err instanceof UsageError || err.name === 'AppError';
  process.stderr.write(`buckethooks ${command}: ${known ? err.message : `unexpected error: ${err.message}`}\n`);
  process.exit(known ? 2 : 1);
});
