// The CLI's help texts: one line per command for `buckethooks --help`, and each command's own `--help`.
import { CHECK_CASES, CHECK_FLAVOURS, caseListLines } from '../core/check';

/** What each command does and takes. */
export const COMMAND_HELP: Record<string, { summary: string; usage: string; options: string[] }> = {
  serve: {
    summary: 'run the S3 endpoint, the delivery engine and the browser UI',
    usage: 'serve [--host H] [--port N] [--ui-port N] [--data-dir DIR] [--access-key K --secret-key S] [--region R] [--confirm strict|record|off]'
      + ' [--inbox-max-mb N] [--realism SPEC]',
    options: [
      '--port N          listen on N (0 = a free port; default 9000)',
      '--ui-port N       the browser UI and app API listen on N (default: --port + 1, a free one if taken)',
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
  deliveries: {
    summary: 'list deliveries of the running server, newest first (one tab-separated line each)',
    usage: 'deliveries [--bucket B] [--hook ID] [--status failed|pending|delivered] [--prefix P] [--limit N] [--data-dir DIR]',
    options: [
      'Each line: id, created (ISO time), status, attempts, bucket, hook Id, event, key, last result (HTTP status or error).',
      '--prefix P        only keys starting with P',
      '--limit N         at most N lines (default 50)',
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
  listen: {
    summary: "relay a remote bucket's events to a receiver on this computer (adds a hook there while it runs)",
    usage: 'listen BUCKET --profile NAME --forward-to URL [--public-url URL] [--port N] [--events LIST] [--prefix P] [--suffix S]'
      + ' [--dialect vk|aws] [--ack always] [--clean] [--data-dir DIR]',
    options: [
      '--forward-to URL  the local receiver each event is forwarded to (body and headers as received)',
      '--public-url URL  the URL the remote calls (a tunnel to the relay); without it cloudflared or ngrok is started',
      '--port N          the relay\'s port on 127.0.0.1 (default: a free one; point your tunnel at it)',
      '--events LIST     comma-separated events (default s3:ObjectCreated:*,s3:ObjectRemoved:*)',
      '--dialect vk|aws  write the hook as VK\'s SimpleTopicConfiguration (default) or an AWS TopicConfiguration',
      '--ack always      answer the remote 200 even when the local receiver fails (no retries by the remote)',
      '--clean           remove buckethooks-listen-* hooks a killed listen left on the bucket',
      'Ctrl-C removes the hook again (only its own: hooks added meanwhile stay). Uses the running server of the data dir,',
      'or starts one in this process; forwarded events are in its delivery log (replay them with the UI or `replay`).',
    ],
  },
  hooks: {
    summary: "list a bucket's hooks (here or on a remote profile), show one, set its flavour and delivery auth, or show their health figures",
    usage: 'hooks list BUCKET [--profile NAME] | hooks show BUCKET ID | hooks set BUCKET ID [--flavour NAME] [--header "Name: value"]…'
      + ' [--bearer-token T] [--basic-auth USER:PASS] [--secret S] [--no-auth] | hooks stats BUCKET [--json]  [--data-dir DIR]',
    options: [
      '--profile NAME    list them on a remote profile',
      '--flavour NAME    vk, aws, aws-current, sns, eventbridge, minio, ceph, b2 or cloudevents',
      '--header "N: v"   a header sent on every delivery (repeat it; replaces the hook\'s auth with the flags given)',
      '--bearer-token T  Authorization: Bearer T;  --basic-auth USER:PASS  Authorization: Basic …;  --no-auth  remove them',
      'show prints secrets masked: the server never gives them back.',
      'stats             per hook: state (and why it paused itself), pending, last hour and day, latency p50/p95/p99, last error',
      '--json            stats as JSON',
    ],
  },
  catalog: {
    summary: 'each payload flavour\'s request per event type (headers and body), its JSON Schema, and hard keys',
    usage: 'catalog [--flavour NAME] [--event E] [--schema] [--data-dir DIR]',
    options: ['--flavour NAME    one flavour only', '--event E         one event (s3:ObjectCreated:Put, or just Put)', '--schema          the JSON Schema of the body instead of the sample'],
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
  check: {
    summary: 'grade a webhook receiver: a documented battery of cases, PASS/FAIL/SKIP per case and a score',
    usage: 'check URL [--flavour F] [--secret S] [--header "K: V"]… [--json] [--junit FILE] [--only NAMES] [--timeout MS] [--slow MS] [--data-dir DIR]',
    options: [
      `--flavour F       payload flavour to send (${[...CHECK_FLAVOURS.keys()].join(', ')}; default vk)`,
      '--secret S        the hook\'s signing secret (whsec_…; b2: its v1= HMAC secret); without it the signature cases are skipped (sns signs with its key)',
      '--header "K: V"   an extra header on every request (repeatable), e.g. an Authorization header',
      '--json            print the report as JSON (every request and answer) instead of lines',
      '--junit FILE      also write the report as JUnit XML, one testcase per case',
      '--only NAMES      run only these cases or groups, comma-separated (e.g. signature,key.unicode)',
      '--timeout MS      how long to wait for an answer (the hook timeout; default 10000)',
      '--slow MS         an answer slower than this fails timing.answer-time (default 2000)',
      '--data-dir DIR    sns: sign with this data dir\'s SNS key, served for the run at a 127.0.0.1 SigningCertURL (default ./.buckethooks)',
      'Exits 1 when a case failed, 2 on a usage error. The cases, in order (a receiver should…):',
      ...caseListLines(CHECK_CASES).map((l) => `  ${l}`),
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
