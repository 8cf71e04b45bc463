// The CLI's help texts: one line per command for `buckethooks --help`, and each command's own `--help`.

/** What each command does and takes. */
export const COMMAND_HELP: Record<string, { summary: string; usage: string; options: string[] }> = {
  serve: {
    summary: 'run the S3 endpoint, the delivery engine and the browser UI',
    usage: 'serve [--host H] [--port N] [--data-dir DIR] [--access-key K --secret-key S] [--region R] [--confirm strict|record|off]'
      + ' [--inbox-max-mb N] [--realism SPEC]',
    options: [
      '--port N          listen on N (0 = a free port; default 9000)',
      '--data-dir DIR    where buckets, hooks and deliveries are kept (default ./.buckethooks)',
      '--confirm MODE    strict (refuse hooks whose URL fails the handshake), record, or off',
      '--inbox-max-mb N  bytes the built-in inbox keeps in all, oldest captures dropped past it (default 100)',
      '--realism SPEC    what hooks without their own realism get: on, off (default), or a list such as',
      '                  duplicates=0.1,reorder=500,delay=100-2000,batch=10/1000,seed=7,break-key-order',
      'Every flag also reads BUCKETHOOKS_<FLAG> from the environment (flags win).',
    ],
  },
  'export-config': {
    summary: "print or save a bucket's notification XML",
    usage: 'export-config BUCKET [--out FILE] [--include-secrets] [--profile NAME] [--data-dir DIR]',
    options: [
      '--out FILE        write the XML to FILE instead of printing it',
      '--include-secrets also write each hook\'s signing secret (retry policies are always written)',
      '--profile NAME    read it from a remote profile',
    ],
  },
  'import-config': {
    summary: "replace a bucket's hooks with an XML file (validated like a PUT ?notification)",
    usage: 'import-config BUCKET FILE [--profile NAME] [--data-dir DIR]',
    options: ['FILE              a NotificationConfiguration document (VK or AWS dialect)', '--profile NAME    send it to a remote profile'],
  },
  replay: {
    summary: 'send matching deliveries again and follow the progress',
    usage: 'replay [--bucket B] [--hook ID] [--status failed|pending|delivered] [--since TIME] [--until TIME] [--prefix P] '
      + '[--include-delivered] [--data-dir DIR]',
    options: [
      '--since/--until   ISO dates or anything Date.parse reads',
      '--include-delivered  also resend delivered ones (by default only pending and failed ones go again)',
    ],
  },
  status: {
    summary: 'show the running server: endpoint, UI URL, keys (secret masked), data folder',
    usage: 'status [--data-dir DIR] [--show-secret]',
    options: ['--show-secret     print the secret key in full'],
  },
  env: {
    summary: 'print export lines (keys, region, endpoint) for awscli and the SDKs: eval "$(buckethooks env)"',
    usage: 'env [--data-dir DIR]',
    options: ['Sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION, AWS_REGION and AWS_ENDPOINT_URL.'],
  },
  remote: {
    summary: 'manage connection profiles of other S3 services (kept in the data dir)',
    usage: 'remote add NAME --endpoint URL --region R --access-key K --secret-key S|- [--path-style] [--no-verify-tls] | '
      + 'remote list | remote remove NAME | remote test NAME  [--data-dir DIR]',
    options: ['--secret-key -    read the secret from stdin (keeps it out of the shell history)'],
  },
  hooks: {
    summary: "list a bucket's hooks (here or on a remote profile), or show their health figures",
    usage: 'hooks list BUCKET [--profile NAME] [--data-dir DIR] | hooks stats BUCKET [--json] [--data-dir DIR]',
    options: [
      '--profile NAME    list them on a remote profile',
      'stats             per hook: state (and why it paused itself), pending, last hour and day, latency p50/p95/p99, last error',
      '--json            stats as JSON',
    ],
  },
  explain: {
    summary: "why a key's last change fired or skipped each hook of its bucket",
    usage: 'explain BUCKET KEY [--all] [--json] [--data-dir DIR]',
    options: [
      'prints one line per hook: its id, then "fired" or "skipped:" and the reason',
      '--all             every kept change of the key, newest first (not only the last)',
      '--json            the traces as JSON',
    ],
  },
  backfill: {
    summary: 'send a hook one s3:ObjectCreated:Put event per current object it matches (objects from before the hook)',
    usage: 'backfill BUCKET --hook ID [--prefix P] [--data-dir DIR]',
    options: [
      '--hook ID         the hook to send them to (it must listen to s3:ObjectCreated:Put)',
      '--prefix P        only objects whose key starts with P (the hook\'s own filter applies too)',
      'Prints the progress; Ctrl-C cancels (events not sent yet are marked failed: cancelled).',
    ],
  },
  watch: {
    summary: 'print each object change of a bucket as it happens, with what its hooks did',
    usage: 'watch BUCKET [--prefix P] [--json] [--data-dir DIR]',
    options: ['--prefix P        only keys starting with P', '--json            one JSON object per change (the objects.changed event)'],
  },
};

/** `buckethooks --help`. */
export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMAND_HELP).map((c) => c.length));
  return ['usage: buckethooks <command> [options]', '', 'commands:',
    ...Object.entries(COMMAND_HELP).map(([name, h]) => `  ${name.padEnd(width)}  ${h.summary}`),
    '', 'Commands other than serve talk to the server running on --data-dir (default ./.buckethooks).',
    "Run 'buckethooks <command> --help' for a command's options."].join('\n');
}

/** `buckethooks COMMAND --help`. */
export function commandHelp(name: string): string {
  const h = COMMAND_HELP[name];
  return [`usage: buckethooks ${h.usage}`, '', h.summary, '', ...h.options.map((o) => `  ${o}`)].join('\n');
}
