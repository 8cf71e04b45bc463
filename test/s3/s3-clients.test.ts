// Real CLI clients against a test core: awscli (cp up/down incl. a multipart-size file, ls, rm, s3api),
// s3cmd and rclone (put/get/ls/rm), and a server-side copy from each. Clients get their config through env/flags.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { tempDir } from '../helpers/temp-dir';

const run = promisify(execFile);
let core: TestCore;
let work: string;
let host: string;
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

async function keys(bucket: string): Promise<string[]> {
  const r = await core.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (r.Contents ?? []).map((c) => c.Key as string).sort();
}

beforeAll(async () => {
  core = await startTestCore();
  host = core.endpoint.replace('http://', '');
  work = tempDir('bh-clients-');
});
afterAll(async () => {
  await core.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('awscli', () => {
  const env = {
    ...process.env, AWS_ACCESS_KEY_ID: TEST_KEYS.accessKey, AWS_SECRET_ACCESS_KEY: TEST_KEYS.secretKey, AWS_DEFAULT_REGION: 'ru-msk',
    AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true',
  };
  const aws = (...args: string[]) => run('/usr/bin/aws', ['--endpoint-url', core.endpoint, ...args], { env, maxBuffer: 1 << 24 });

  test('mb, cp up/down (small and multipart-size), ls, rm', async () => {
    await aws('s3', 'mb', 's3://aws-bucket');
    const small = join(work, 'small file.txt');
    writeFileSync(small, 'hello from awscli');
    const big = join(work, 'big.bin');
    const bigData = randomBytes(20 * 1024 * 1024);
    writeFileSync(big, bigData);
    await aws('s3', 'cp', small, 's3://aws-bucket/dir/small file.txt');
    await aws('s3', 'cp', big, 's3://aws-bucket/dir/big.bin');
    const head = await core.s3.send(new HeadObjectCommand({ Bucket: 'aws-bucket', Key: 'dir/big.bin' }));
    expect(head.ETag).toMatch(/-\d+"$/);
    expect(head.ContentLength).toBe(bigData.length);
    const ls = await aws('s3', 'ls', 's3://aws-bucket/dir/');
    expect(ls.stdout).toContain('small file.txt');
    expect(ls.stdout).toContain('big.bin');
    await aws('s3', 'cp', 's3://aws-bucket/dir/big.bin', join(work, 'big.down'));
    expect(md5(readFileSync(join(work, 'big.down')))).toBe(md5(bigData));
    await aws('s3', 'cp', 's3://aws-bucket/dir/small file.txt', join(work, 'small.down'));
    expect(readFileSync(join(work, 'small.down'), 'utf8')).toBe('hello from awscli');
    await aws('s3', 'rm', 's3://aws-bucket/dir/big.bin');
    expect(await keys('aws-bucket')).toEqual(['dir/small file.txt']);
    const api = await aws('s3api', 'list-objects-v2', '--bucket', 'aws-bucket');
    expect(JSON.parse(api.stdout).Contents[0].Key).toBe('dir/small file.txt');
    await aws('s3', 'rm', '--recursive', 's3://aws-bucket/');
    await aws('s3', 'rb', 's3://aws-bucket');
  });
});

describe('s3cmd', () => {
  const s3cmd = (...args: string[]) => run('s3cmd', [
    '-c', '/dev/null', `--access_key=${TEST_KEYS.accessKey}`, `--secret_key=${TEST_KEYS.secretKey}`, `--host=${host}`,
    `--host-bucket=${host}`, '--no-ssl', '--region=ru-msk', '--no-check-md5', ...args,
  ], { env: process.env });

  test('mb, put, ls, get, del', async () => {
    await s3cmd('mb', 's3://s3cmd-bucket');
    const file = join(work, 's3cmd.txt');
    writeFileSync(file, 'hello from s3cmd');
    await s3cmd('put', file, 's3://s3cmd-bucket/a b/s3cmd.txt');
    expect((await s3cmd('ls', 's3://s3cmd-bucket/a b/')).stdout).toContain('s3://s3cmd-bucket/a b/s3cmd.txt');
    await s3cmd('get', '--force', 's3://s3cmd-bucket/a b/s3cmd.txt', join(work, 's3cmd.down'));
    expect(readFileSync(join(work, 's3cmd.down'), 'utf8')).toBe('hello from s3cmd');
    await s3cmd('del', 's3://s3cmd-bucket/a b/s3cmd.txt');
    expect(await keys('s3cmd-bucket')).toEqual([]);
  });
});

describe('boto3', () => {
  test('put, upload_file (multipart), list, get, delete with default settings', async () => {
    const script = `
import boto3, hashlib, os, sys
from boto3.s3.transfer import TransferConfig
s3 = boto3.client('s3', endpoint_url=sys.argv[1], region_name='ru-msk', aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
s3.create_bucket(Bucket='boto-bucket')
s3.put_object(Bucket='boto-bucket', Key='k ü+.txt', Body=b'hello from boto3', Metadata={'x': 'y'})
path = os.path.join(sys.argv[4], 'boto.bin')
data = os.urandom(12 * 1024 * 1024)
open(path, 'wb').write(data)
s3.upload_file(path, 'boto-bucket', 'big.bin', Config=TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024))
keys = [o['Key'] for o in s3.list_objects_v2(Bucket='boto-bucket')['Contents']]
got = s3.get_object(Bucket='boto-bucket', Key='k ü+.txt')
big = s3.get_object(Bucket='boto-bucket', Key='big.bin')
ok = hashlib.md5(big['Body'].read()).hexdigest() == hashlib.md5(data).hexdigest()
s3.delete_object(Bucket='boto-bucket', Key='big.bin')
print(repr(sorted(keys)), got['Body'].read().decode(), got['Metadata']['x'], big['ETag'].endswith('-3"'), ok)
`;
    const env = { ...process.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true' };
    const out = await run('/usr/bin/python3', ['-c', script, core.endpoint, TEST_KEYS.accessKey, TEST_KEYS.secretKey, work], { env });
    expect(out.stdout.trim()).toBe("['big.bin', 'k ü+.txt'] hello from boto3 y True True");
    expect(await keys('boto-bucket')).toEqual(['k ü+.txt']);
  });
});

describe('x-amz-* headers clients send are all signed (unsigned ones are refused)', () => {
  test('server-side copies and metadata from awscli, s3cmd, rclone and boto3 succeed', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'signed-headers' }));
    await core.s3.send(new PutObjectCommand({ Bucket: 'signed-headers', Key: 'src', Body: 'source bytes', Metadata: { from: 'sdk' } }));
    const awsEnv = { ...process.env, AWS_ACCESS_KEY_ID: TEST_KEYS.accessKey, AWS_SECRET_ACCESS_KEY: TEST_KEYS.secretKey,
      AWS_DEFAULT_REGION: 'ru-msk', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true' };
    await run('/usr/bin/aws', ['--endpoint-url', core.endpoint, 's3', 'cp', 's3://signed-headers/src', 's3://signed-headers/aws-copy',
      '--metadata', 'by=awscli', '--metadata-directive', 'REPLACE'], { env: awsEnv });
    await run('s3cmd', ['-c', '/dev/null', `--access_key=${TEST_KEYS.accessKey}`, `--secret_key=${TEST_KEYS.secretKey}`, `--host=${host}`,
      `--host-bucket=${host}`, '--no-ssl', '--region=ru-msk', '--add-header=x-amz-meta-by:s3cmd', 'cp',
      's3://signed-headers/src', 's3://signed-headers/s3cmd-copy'], { env: process.env });
    const rcloneEnv: NodeJS.ProcessEnv = {
      ...process.env, RCLONE_CONFIG: join(work, 'rclone-signed.conf'), RCLONE_CONFIG_BH_TYPE: 's3', RCLONE_CONFIG_BH_PROVIDER: 'Other',
      RCLONE_CONFIG_BH_ACCESS_KEY_ID: TEST_KEYS.accessKey, RCLONE_CONFIG_BH_SECRET_ACCESS_KEY: TEST_KEYS.secretKey,
      RCLONE_CONFIG_BH_ENDPOINT: core.endpoint, RCLONE_CONFIG_BH_REGION: 'ru-msk', RCLONE_CONFIG_BH_FORCE_PATH_STYLE: 'true',
    };
    delete rcloneEnv.AWS_CA_BUNDLE;
    await run('rclone', ['copyto', 'bh:signed-headers/src', 'bh:signed-headers/rclone-copy'], { env: rcloneEnv });
    const script = `
import boto3, sys
s3 = boto3.client('s3', endpoint_url=sys.argv[1], region_name='ru-msk', aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
s3.copy_object(Bucket='signed-headers', Key='boto-copy', CopySource={'Bucket': 'signed-headers', 'Key': 'src'},
  Metadata={'by': 'boto3'}, MetadataDirective='REPLACE', ContentType='text/x-boto')
`;
    await run('/usr/bin/python3', ['-c', script, core.endpoint, TEST_KEYS.accessKey, TEST_KEYS.secretKey],
      { env: { ...process.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' } });
    const meta = async (Key: string) => (await core.s3.send(new HeadObjectCommand({ Bucket: 'signed-headers', Key }))).Metadata;
    expect(await meta('aws-copy')).toEqual({ by: 'awscli' });
    expect(await meta('s3cmd-copy')).toEqual({ by: 's3cmd', from: 'sdk' });
    expect(await meta('rclone-copy')).toMatchObject({ from: 'sdk' });
    expect(await meta('boto-copy')).toEqual({ by: 'boto3' });
  });
});

describe('rclone', () => {
  test('copyto up/down, ls, deletefile', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'rclone-bucket' }));
    const env: NodeJS.ProcessEnv = {
      ...process.env, RCLONE_CONFIG: join(work, 'rclone.conf'), RCLONE_CONFIG_BH_TYPE: 's3', RCLONE_CONFIG_BH_PROVIDER: 'Other',
      RCLONE_CONFIG_BH_ACCESS_KEY_ID: TEST_KEYS.accessKey, RCLONE_CONFIG_BH_SECRET_ACCESS_KEY: TEST_KEYS.secretKey,
      RCLONE_CONFIG_BH_ENDPOINT: core.endpoint, RCLONE_CONFIG_BH_REGION: 'ru-msk', RCLONE_CONFIG_BH_FORCE_PATH_STYLE: 'true',
    };
    delete env.AWS_CA_BUNDLE;
    const rclone = (...args: string[]) => run('rclone', args, { env });
    const file = join(work, 'rclone.txt');
    writeFileSync(file, 'hello from rclone');
    await rclone('copyto', file, 'bh:rclone-bucket/r/ünï code+.txt');
    expect(await keys('rclone-bucket')).toEqual(['r/ünï code+.txt']);
    expect((await rclone('ls', 'bh:rclone-bucket')).stdout).toContain('r/ünï code+.txt');
    await rclone('copyto', 'bh:rclone-bucket/r/ünï code+.txt', join(work, 'rclone.down'));
    expect(readFileSync(join(work, 'rclone.down'), 'utf8')).toBe('hello from rclone');
    await rclone('deletefile', 'bh:rclone-bucket/r/ünï code+.txt');
    expect(await keys('rclone-bucket')).toEqual([]);
  });
});
