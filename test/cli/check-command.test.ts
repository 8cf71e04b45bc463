// `buckethooks check` end to end: the CLI (through tsx) against the three starter receivers of examples/receivers
// run as real processes (every case passes), and against a receiver broken on purpose (exit 1, the FAIL line says what
// was sent and what came back); --junit is parsed with fast-xml-parser and its counts match the score line.
import { execFileSync } from 'node:child_process';
import { createVerify, randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_CASES } from '../../src-main/core/check';
import { fillStarter } from '../../src-renderer/src/lib/starter-fill';
import { startCheckReceiver } from '../helpers/check-receiver';
import { startFlavourReceiver } from '../helpers/flavour-receiver';
import { goVersion, spawnReceiver, type ReceiverProcess } from '../helpers/receiver-process';
import { freePort } from '../helpers/ports';
import { tempDir } from '../helpers/temp-dir';
import { runCli } from '../helpers/cli-process';

const ROOT = join(import.meta.dirname, '../..');
const cli = (args: string[]) => runCli(['check', ...args], { cwd: ROOT });
const GO = goVersion();
if (!GO) process.stdout.write('check against the Go receiver NOT RUN: no Go toolchain on PATH (apt-get install golang-go)\n');

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const dir = tempDir('bh-check-');

interface Suite { '@_tests': string; '@_failures': string; '@_skipped': string; testcase: { '@_name': string; failure?: { '@_message': string; '#text': string }; skipped?: unknown }[] }

/** The JUnit file's one testsuite, parsed by fast-xml-parser (which throws on malformed XML). */
function junit(file: string): Suite {
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testcase' }).parse(readFileSync(file, 'utf8'), true);
  return parsed.testsuites.testsuite as Suite;
}

/** `N passed, M failed, K skipped` from the score line. */
function score(stdout: string): [number, number, number] {
  const m = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)? \(\d+\.\d s\)$/m.exec(stdout);
  if (!m) throw new Error(`no score line in:\n${stdout}`);
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

const STARTERS: { name: string; file: string; available: boolean; command: (d: string, f: string) => [string, string[]] }[] = [
  { name: 'node', file: 'node/receiver.mjs', available: true, command: (d, f) => [process.execPath, [join(d, f)]] },
  { name: 'python', file: 'python/receiver.py', available: true, command: (d, f) => ['python3', [join(d, f)]] },
  {
    name: 'go', file: 'go/main.go', available: GO !== null,
    command(d, f) {
      execFileSync('go', ['build', '-o', join(d, 'receiver'), join(d, f)], { cwd: d, stdio: 'pipe' });
      return [join(d, 'receiver'), []];
    },
  },
];

describe.each(STARTERS)('buckethooks check against the $name starter receiver', (starter) => {
  let receiver: ReceiverProcess | undefined;
  let url: string;
  beforeAll(async () => {
    if (!starter.available) return;
    const fileName = starter.file.split('/')[1];
    url = `http://127.0.0.1:${await freePort()}/hooks/${starter.name}`;
    const source = readFileSync(join(ROOT, 'examples/receivers', starter.file), 'utf8');
    writeFileSync(join(dir, fileName), fillStarter(source, { url, secret }));
    const [command, args] = starter.command(dir, fileName);
    receiver = await spawnReceiver(command, args, {});
  });
  afterAll(async () => { await receiver?.stop(); });

  it.skipIf(!starter.available)('passes every case (batch skipped) and writes JUnit XML with the same counts', async () => {
    const file = join(dir, `${starter.name}.xml`);
    const { code, stdout } = await cli([url, '--secret', secret, '--junit', file]);
    process.stdout.write(`check against the ${starter.name} starter: ${stdout.trim().split('\n').at(-1)}\n`);
    expect(stdout.split('\n').filter((l) => /^(FAIL|SKIP) /.test(l))).toEqual([expect.stringMatching(/^SKIP {2}batch +the vk flavour posts one record per request$/)]);
    expect(score(stdout)).toEqual([CHECK_CASES.length - 1, 0, 1]);
    expect(code).toBe(0);
    const suite = junit(file);
    expect([suite['@_tests'], suite['@_failures'], suite['@_skipped']]).toEqual([String(CHECK_CASES.length), '0', '1']);
    expect(suite.testcase.map((t) => t['@_name'])).toEqual(CHECK_CASES.map((c) => c.name));
  });
});

describe('buckethooks check against a broken receiver', () => {
  it('exits 1 with a FAIL line saying what was sent and what came back; JUnit and JSON carry the same counts', async () => {
    const receiver = await startCheckReceiver(secret, 'plus-500');
    try {
      const file = join(dir, 'broken.xml');
      const { code, stdout, stderr } = await cli([receiver.url, '--secret', secret, '--junit', file, '--only', 'key,duplicate']);
      expect(code).toBe(1);
      expect(stderr).toBe('buckethooks check: 1 case failed\n');
      expect(stdout).toMatch(/^FAIL {2}key\.space-plus +sent s3:ObjectCreated:Put of "check\/my file\+1\.txt" \(key in the record: "check\/my\+file%2B1\.txt"\), got HTTP 500 \{"error":"no such file check\/my\+file\+1\.txt"\}; expected 2xx/m);
      const [passed, failed, skipped] = score(stdout);
      expect([passed, failed, skipped]).toEqual([5, 1, 0]);
      const suite = junit(file);
      expect([suite['@_tests'], suite['@_failures'], suite['@_skipped']]).toEqual(['6', '1', '0']);
      const failure = suite.testcase.find((t) => t.failure)!;
      expect(failure['@_name']).toBe('key.space-plus');
      expect(failure.failure!['#text']).toContain('<<< HTTP 500');
      const json = await cli([receiver.url, '--secret', secret, '--json', '--only', 'key.space-plus']);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({ passed: 0, failed: 1, skipped: 0, flavour: 'vk', cases: [{ name: 'key.space-plus', outcome: 'fail' }] });
    } finally {
      await receiver.close();
    }
  });

  it('answers usage mistakes with exit 2 and one line, sending nothing', async () => {
    const receiver = await startCheckReceiver(secret);
    try {
      expect(await cli([])).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: buckethooks check URL') });
      expect(await cli([receiver.url, '--flavour', 'b3'])).toMatchObject({
        code: 2, stderr: 'buckethooks check: unknown flavour "b3" (available: vk, aws, aws-current, sns, eventbridge, minio, ceph, b2, cloudevents)\n',
      });
      expect(await cli([receiver.url, '--header', 'no colon'])).toMatchObject({ code: 2, stderr: 'buckethooks check: --header must be "Name: value", got "no colon"\n' });
      expect(await cli([receiver.url, '--timeout', 'soon'])).toMatchObject({ code: 2 });
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('speaks sns with the data dir\'s key (made there on first use) and b2 with any secret', async () => {
    const dataDir = join(dir, 'sns-data');
    const sns = await startFlavourReceiver('sns', '');
    try {
      const { code, stdout } = await cli([sns.url, '--flavour', 'sns', '--data-dir', dataDir, '--only', 'handshake,event.put,signature']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^PASS {2}handshake +the genuine SubscribeURL visited, the forged one not$/m);
      expect(score(stdout)).toEqual([6, 0, 2]);
      const put = sns.received.map((r) => JSON.parse(r.body) as Record<string, string>).find((m) => m.Message?.includes('check/put.txt') ?? false)!;
      const canonical = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'].map((k) => `${k}\n${put[k]}\n`).join('');
      const cert = new X509Certificate(readFileSync(join(dataDir, 'sns-signing-cert.pem'), 'utf8'));
      expect(createVerify('RSA-SHA256').update(canonical).verify(cert.publicKey, put.Signature, 'base64')).toBe(true);
    } finally {
      await sns.close();
    }
    const b2Secret = randomBytes(16).toString('hex');
    const b2 = await startFlavourReceiver('b2', b2Secret);
    try {
      const { code, stdout } = await cli([b2.url, '--flavour', 'b2', '--secret', b2Secret, '--only', 'batch,signature']);
      expect(code).toBe(0);
      expect(score(stdout)).toEqual([5, 0, 2]);
    } finally {
      await b2.close();
    }
  });

  it('sends --header on every request', async () => {
    const receiver = await startCheckReceiver(secret);
    try {
      const { code, stdout } = await cli([receiver.url, '--secret', secret, '--json', '--only', 'handshake,test-event', '--header', 'Authorization: Bearer t0ken']);
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as { cases: { exchanges: { request: { headers: Record<string, string> } }[] }[] };
      const sent = report.cases.flatMap((c) => c.exchanges.map((e) => e.request.headers.authorization));
      expect(sent).toEqual(['Bearer t0ken', 'Bearer t0ken', 'Bearer t0ken']);
    } finally {
      await receiver.close();
    }
  });
});
