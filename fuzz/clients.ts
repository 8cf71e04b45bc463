// The clients whose traffic the fuzz corpus holds, run one after the other against an endpoint: the AWS SDK,
// awscli, s3cmd, boto3, rclone (Debian's binaries), the app API and the UI over fetch, and inbox senders.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUZZ_KEYS } from './serve';
import { sdkTraffic } from './clients-sdk';

const run = promisify(execFile);

async function cliTraffic(endpoint: string, work: string): Promise<[string, () => Promise<unknown>][]> {
  const host = endpoint.replace('http://', '');
  const file = join(work, 'small file.txt');
  writeFileSync(file, 'hello from a command line client');
  const awsEnv = { ...process.env, AWS_ACCESS_KEY_ID: FUZZ_KEYS.accessKey, AWS_SECRET_ACCESS_KEY: FUZZ_KEYS.secretKey, AWS_DEFAULT_REGION: 'ru-msk',
    AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true' };
  const aws = (...args: string[]) => run('/usr/bin/aws', ['--endpoint-url', endpoint, ...args], { env: awsEnv });
  const s3cmd = (...args: string[]) => run('s3cmd', ['-c', '/dev/null', `--access_key=${FUZZ_KEYS.accessKey}`, `--secret_key=${FUZZ_KEYS.secretKey}`,
    `--host=${host}`, `--host-bucket=${host}`, '--no-ssl', '--region=ru-msk', ...args]);
  const rcloneEnv: NodeJS.ProcessEnv = { ...process.env, RCLONE_CONFIG_FZ_TYPE: 's3', RCLONE_CONFIG_FZ_PROVIDER: 'Other',
    RCLONE_CONFIG_FZ_ACCESS_KEY_ID: FUZZ_KEYS.accessKey, RCLONE_CONFIG_FZ_SECRET_ACCESS_KEY: FUZZ_KEYS.secretKey,
    RCLONE_CONFIG_FZ_ENDPOINT: endpoint, RCLONE_CONFIG_FZ_REGION: 'ru-msk', RCLONE_CONFIG: '/dev/null' };
  delete rcloneEnv.AWS_CA_BUNDLE; // rclone 1.60 refuses to start with it set against a plain-http endpoint
  const boto = `import boto3, io
s3 = boto3.client('s3', endpoint_url='${endpoint}', region_name='ru-msk', aws_access_key_id='${FUZZ_KEYS.accessKey}', aws_secret_access_key='${FUZZ_KEYS.secretKey}')
s3.create_bucket(Bucket='fz-boto')
s3.put_object(Bucket='fz-boto', Key='k/one.txt', Body=b'hello from boto3', Metadata={'a': 'b'})
s3.upload_fileobj(io.BytesIO(b'x' * 4096), 'fz-boto', 'k/two.bin')
s3.get_object(Bucket='fz-boto', Key='k/one.txt')['Body'].read()
s3.list_objects_v2(Bucket='fz-boto', Prefix='k/')
s3.delete_objects(Bucket='fz-boto', Delete={'Objects': [{'Key': 'k/two.bin'}]})
s3.generate_presigned_url('get_object', Params={'Bucket': 'fz-boto', 'Key': 'k/one.txt'})
`;
  return [
    ['awscli', async () => {
      await aws('s3', 'mb', 's3://fz-aws');
      await aws('s3', 'cp', file, 's3://fz-aws/dir/small file.txt');
      await aws('s3', 'ls', 's3://fz-aws/dir/');
      await aws('s3', 'cp', 's3://fz-aws/dir/small file.txt', join(work, 'down.txt'));
      await aws('s3api', 'put-object', '--bucket', 'fz-aws', '--key', 'meta.txt', '--body', file, '--metadata', 'k=v', '--content-type', 'text/plain');
      await aws('s3api', 'head-object', '--bucket', 'fz-aws', '--key', 'meta.txt');
      await aws('s3api', 'put-bucket-notification-configuration', '--bucket', 'fz-aws', '--notification-configuration',
        JSON.stringify({ QueueConfigurations: [{ Id: 'cli', QueueArn: `${endpoint}/_inbox/fz-aws`, Events: ['s3:ObjectRemoved:*'] }] }));
      await aws('s3', 'rm', '--recursive', 's3://fz-aws/dir/');
    }],
    ['s3cmd', async () => {
      await s3cmd('mb', 's3://fz-s3cmd');
      await s3cmd('put', file, 's3://fz-s3cmd/a b/file.txt');
      await s3cmd('ls', 's3://fz-s3cmd/a b/');
      await s3cmd('get', '--force', 's3://fz-s3cmd/a b/file.txt', join(work, 's3cmd.down'));
      await s3cmd('del', 's3://fz-s3cmd/a b/file.txt');
    }],
    ['boto3', () => run('/usr/bin/python3', ['-c', boto])],
    ['rclone', async () => {
      await run('rclone', ['mkdir', 'fz:fz-rclone'], { env: rcloneEnv });
      await run('rclone', ['copy', file, 'fz:fz-rclone/r/'], { env: rcloneEnv });
      await run('rclone', ['ls', 'fz:fz-rclone'], { env: rcloneEnv });
    }],
  ];
}

/** The app API, the UI and inbox senders, over fetch. */
async function appTraffic(endpoint: string, token: string): Promise<void> {
  const call = (method: string, input: unknown) => fetch(`${endpoint}/_api/${method}`, {
    method: 'POST', body: JSON.stringify(input), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  }).then((r) => r.text());
  await call('server.status', {});
  await call('buckets.create', { name: 'fz-app' });
  await call('buckets.list', {});
  await call('objects.list', { bucket: 'fz-sdk', prefix: 'dir/', limit: 50 });
  await call('objects.head', { bucket: 'fz-sdk', key: 'hello.txt' });
  await call('objects.presign', { bucket: 'fz-sdk', key: 'hello.txt', method: 'GET', download: true });
  await call('objects.createUpload', { bucket: 'fz-app', key: 'up.bin', size: 10 });
  await call('hooks.upsert', { bucket: 'fz-app', hook: { id: 'vk-1', events: ['s3:ObjectCreated:Put'], url: `${endpoint}/_inbox/fz-app`, prefix: 'p/', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } });
  await call('hooks.importXml', { bucket: 'fz-app', xml: '<NotificationConfiguration><SimpleTopicConfiguration><Id>vk-2</Id><Event>s3:ObjectRemoved:*</Event>'
    + `<Url>${endpoint}/_inbox/fz-app</Url><Filter><S3Key><FilterRule><Name>suffix</Name><Value>.jpg</Value></FilterRule></S3Key></Filter></SimpleTopicConfiguration></NotificationConfiguration>` });
  await call('hooks.list', { bucket: 'fz-app' });
  await call('hooks.exportXml', { bucket: 'fz-app' });
  await call('hooks.setState', { bucket: 'fz-app', id: 'vk-1', state: 'paused' });
  await call('deliveries.list', { filter: { status: 'failed' }, limit: 20 });
  await call('settings.get', {});
  await call('inbox.setFailure', { name: 'fz-app', status: 503, delayMs: 10 });
  await call('inbox.list', {});
  await call('inbox.captures', { name: 'fz-app', limit: 10 });
  await call('inbox.usage', {});
  await fetch(`${endpoint}/_inbox/fz-app`, { method: 'POST', body: '{"Records":[]}', headers: { 'content-type': 'application/json', 'x-amz-sns-message-type': 'Notification' } });
  await fetch(`${endpoint}/_inbox/fz-app`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-amz-sns-message-type': 'SubscriptionConfirmation' },
    body: JSON.stringify({ Timestamp: '2019-12-26T19:29:12+03:00', Type: 'SubscriptionConfirmation', Message: 'confirm', TopicArn: 'o|fz-app|s3:ObjectCreated:Put', SignatureVersion: 1, Token: 'RPE5UuG94rGgBH6kHXN9FUPugFxj1hs2aUQc99btJp3E49tA' }) });
  await fetch(`${endpoint}/_ui/`);
  await fetch(`${endpoint}/_ui/index.html?token=${token}`);
}

/** Run every client against `endpoint`, announcing each by name before its traffic. */
export async function runClients(endpoint: string, token: string, announce: (client: string) => void): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'bh-capture-'));
  try {
    announce('sdk');
    await sdkTraffic(endpoint);
    for (const [name, traffic] of await cliTraffic(endpoint, work)) {
      announce(name);
      await traffic();
    }
    announce('app');
    await appTraffic(endpoint, token);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
