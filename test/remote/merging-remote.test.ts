// Hook writes against the stand-in that merges by Id like Ceph RGW 16.2 (test/helpers/merging-remote.ts): the shared
// cases, plus the requests sent, which show DELETE ?notification where a PUT cannot remove hooks, refusals without a
// message explained, and a remote that takes neither URLs nor topics named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connection } from '../../src-main/core/remote/connection';
import { deleteRemoteHooks, upsertRemoteHook } from '../../src-main/core/remote/remote-hooks';
import { putRemoteConfigXml } from '../../src-main/core/remote/remote-notifications';
import { startMergingRemote, type MergingRemote } from '../helpers/merging-remote';
import { topicRemoteCases } from './topic-remote-cases';

let standIn: MergingRemote;
let conn: Connection;
beforeAll(async () => {
  standIn = await startMergingRemote();
  conn = connect({ name: 'stand-in', endpoint: standIn.endpoint, region: 'default', accessKey: 'AK', secretKey: 'SK', pathStyle: true, verifyTls: true });
});
afterAll(async () => { conn?.close(); await standIn?.close(); });

describe('a remote that merges by Id (stand-in)', () => {
  topicRemoteCases(() => ({ conn, bucket: 'photos', receiverUrl: (path) => `http://127.0.0.1:9/${path.slice(1)}` }));

  it('removes one hook with DELETE ?notification=<Id> after the PUT kept it, and the last with DELETE ?notification', async () => {
    await upsertRemoteHook(conn, 'other', { id: 'x', dialect: 'topic', url: 'http://127.0.0.1:9/x', events: ['s3:ObjectCreated:*'], rules: [] });
    await upsertRemoteHook(conn, 'other', { id: 'y', dialect: 'topic', url: 'http://127.0.0.1:9/y', events: ['s3:ObjectCreated:*'], rules: [] });
    standIn.requests.length = 0;
    await deleteRemoteHooks(conn, 'other', ['x']);
    expect(standIn.requests.filter((r) => !r.startsWith('GET') && !r.startsWith('POST'))).toEqual(['PUT ?notification', 'DELETE ?notification=x']);
    standIn.requests.length = 0;
    await deleteRemoteHooks(conn, 'other', ['y']);
    expect(standIn.requests.filter((r) => !r.startsWith('GET') && !r.startsWith('POST'))).toEqual(['DELETE ?notification']);
  });

  it('explains a refusal that came without a message (Ceph sends none) from its code', async () => {
    const capitalised = '<NotificationConfiguration><TopicConfiguration><Id>c</Id><Topic>arn:aws:sns:default::t</Topic><Event>s3:ObjectCreated:*</Event>'
      + '<Filter><S3Key><FilterRule><Name>Prefix</Name><Value>a/</Value></FilterRule></S3Key></Filter></TopicConfiguration></NotificationConfiguration>';
    await expect(putRemoteConfigXml(conn, 'other', capitalised)).rejects.toMatchObject({
      code: 'MalformedXML', message: expect.stringContaining('refused without a reason (Ceph refuses an empty configuration'),
    });
    await expect(putRemoteConfigXml(conn, 'other', capitalised.replace('<Name>Prefix</Name>', '<Name>prefix</Name>'))).rejects.toMatchObject({
      code: 'NoSuchKey', message: expect.stringContaining('a Topic names a topic that does not exist'),
    });
  });

  it('says in one line when a remote takes neither URL hooks nor topics', async () => {
    const arnOnly = await startMergingRemote('default', false);
    const c = connect({ name: 'arn-only', endpoint: arnOnly.endpoint, region: 'default', accessKey: 'AK', secretKey: 'SK', pathStyle: true, verifyTls: true });
    try {
      await expect(upsertRemoteHook(c, 'photos', { id: 'x', dialect: 'topic', url: 'http://127.0.0.1:9/x', events: ['s3:ObjectCreated:*'], rules: [] }))
        .rejects.toMatchObject({ code: 'InvalidArgument', message: expect.stringMatching(/takes neither URL hooks nor topics through its S3 endpoint/) });
    } finally {
      c.close();
      await arnOnly.close();
    }
  });
});
