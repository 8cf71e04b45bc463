// The CLI on a remote that names topics (the Ceph stand-in), no server running: `import-config --profile` with
// removals turns URLs into topics and prints what it did and the hooks read back, `hooks list --profile` shows each
// hook's URL, topic and read-only parts, and `export-config --profile` writes URLs instead of topic ARNs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMergingRemote, type MergingRemote } from '../helpers/merging-remote';
import { tempDir } from '../helpers/temp-dir';
import { runCli } from '../helpers/cli-process';

let dir: string;
let standIn: MergingRemote;
const cli = (...args: string[]) => runCli([...args, '--data-dir', dir]);
const topicXml = (...ids: string[]) => `<NotificationConfiguration>${ids.map((id) => `<TopicConfiguration><Id>${id}</Id>`
  + `<Topic>http://127.0.0.1:9/${id}</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration>`).join('')}</NotificationConfiguration>`;

beforeAll(async () => {
  dir = tempDir('bh-cli-topics-');
  standIn = await startMergingRemote();
  const added = await cli('remote', 'add', 'ceph', '--endpoint', standIn.endpoint, '--region', 'default', '--access-key', 'AK', '--secret-key', 'SK', '--path-style');
  expect(added.code).toBe(0);
});
afterAll(async () => { await standIn?.close(); });

describe('import-config, hooks list and export-config on a topic-based remote', () => {
  it('imports with removals: topics created, hooks read back', async () => {
    writeFileSync(join(dir, 'two.xml'), topicXml('a', 'b'));
    writeFileSync(join(dir, 'one.xml'), topicXml('b'));
    const first = await cli('import-config', 'photos', join(dir, 'two.xml'), '--profile', 'ceph');
    expect(first.stdout).toMatch(/Created topic arn:aws:sns:default::buckethooks-photos-\w+ pushing to http:\/\/127\.0\.0\.1:9\/a/);
    const second = await cli('import-config', 'photos', join(dir, 'one.xml'), '--profile', 'ceph');
    expect([second.code, second.stderr]).toEqual([0, '']);
    expect(second.stdout).toMatch(/kept a after the PUT \(it merges hooks by Id\): removed with DELETE \?notification=<Id>/);
    expect(second.stdout).toMatch(/Deleted topic .*no hook uses it any more/);
    expect(second.stdout).toContain(`Imported ${join(dir, 'one.xml')} into photos on ceph (1 hook, read back)`);
  });

  it('lists hooks with their URL, topic and read-only parts', async () => {
    const arn = /<Topic>([^<]+)<\/Topic>/.exec(await (await fetch(`${standIn.endpoint}/photos?notification`)).text())?.[1];
    await fetch(`${standIn.endpoint}/photos?notification`, { method: 'PUT', body: `<NotificationConfiguration><TopicConfiguration><Id>b</Id><Topic>${arn}</Topic>`
      + '<Event>s3:ObjectCreated:*</Event><Filter><S3Tags><FilterRule><Name>env</Name><Value>prod</Value></FilterRule></S3Tags></Filter>'
      + '</TopicConfiguration></NotificationConfiguration>' });
    const listed = await cli('hooks', 'list', 'photos', '--profile', 'ceph');
    expect(listed.stdout.trim().split('\n')).toEqual([`b\ts3:ObjectCreated:*\thttp://127.0.0.1:9/b\t(topic ${arn})`, '  read-only, kept as is: S3Tags: env=prod']);
  });

  it('exports URLs instead of topic ARNs', async () => {
    const exported = await cli('export-config', 'photos', '--profile', 'ceph');
    expect(exported.stdout).toContain('<Topic>http://127.0.0.1:9/b</Topic>');
    expect(exported.stdout).toContain('<S3Tags><FilterRule><Name>env</Name><Value>prod</Value></FilterRule></S3Tags>');
  });
});
