// Every write to a remote's ?notification, told truthfully: resolve URL targets to topics where the remote takes
// topics, PUT the document (DELETE ?notification for none), read it back and compare. A remote that merges by Id
// (Ceph) keeps removed hooks: they are removed with DELETE ?notification=<Id> and read back again. Whatever still
// differs is an error naming each difference and the fix; success is never taken from a status code alone.
import { randomUUID } from 'node:crypto';
import { AppError } from '../kernel/app-error';
import type { Connection } from './connection';
import { compareDocuments, type Comparison } from './remote-compare';
import { RemoteS3Error } from './remote-error';
import type { RemoteDocument } from './remote-document';
import { deleteRemoteConfig, putRemoteConfigXml, requireRemoteConfig } from './remote-notifications';
import { renderRemoteDocument } from './remote-render';
import { dropUnusedTopics, resolveTopics } from './topic-targets';
import { hasTopicApi } from './topics';

/** What a verified write left on the bucket (as read back) and what was done on the way, for the user. */
export interface WriteOutcome extends RemoteDocument { notes: string[] }

const hostOf = (conn: Connection) => new URL(conn.profile.endpoint).host;

async function read(conn: Connection, bucket: string): Promise<RemoteDocument> {
  const { hooks, kept } = await requireRemoteConfig(conn, bucket);
  return { hooks, kept };
}

async function put(conn: Connection, bucket: string, doc: RemoteDocument, topics: boolean): Promise<void> {
  if (doc.hooks.length === 0 && doc.kept.length === 0 && topics) await deleteRemoteConfig(conn, bucket);
  else await putRemoteConfigXml(conn, bucket, renderRemoteDocument(doc, { lowerRuleNames: topics }));
}

function mismatch(conn: Connection, bucket: string, cmp: Comparison, found: RemoteDocument): AppError {
  const fixes: string[] = [];
  if (cmp.leftover.length > 0) fixes.push(`delete ${cmp.leftover.join(', ')} again (BucketHooks already sent DELETE ?notification=<Id> for each)`);
  if (cmp.missing.length > 0) fixes.push(`the service drops ${cmp.missing.join(', ')} without an error: write them as a TopicConfiguration whose target it accepts`);
  if (cmp.differences.length > cmp.leftover.length + cmp.missing.length) fixes.push('edit the hook to what the service stores, or write it again');
  const holds = found.hooks.map((h) => h.id).join(', ') || 'no hooks';
  return new AppError('RemoteWriteMismatch', `${hostOf(conn)} did not store what was asked for ${bucket}: ${cmp.differences.join('; ')}. `
    + `The bucket now holds ${holds}. Fix: ${fixes.join('; ')}.`);
}

/** DELETE ?notification=<Id> until no hook with that Id is left (one call may remove one entry); a few rounds at most. */
async function removeByIds(conn: Connection, bucket: string, ids: readonly string[]): Promise<string[]> {
  let left = [...ids];
  for (let round = 0; round < 5 && left.length > 0; round++) {
    for (const id of left) await deleteRemoteConfig(conn, bucket, id);
    const now = new Set((await read(conn, bucket)).hooks.map((h) => h.id));
    left = left.filter((id) => now.has(id));
  }
  return [...ids];
}

/**
 * Make the bucket's configuration `asked` and prove it by reading it back; `before` is what the bucket held when the
 * caller just read it (read again when absent).
 * @throws AppError RemoteWriteMismatch naming every difference; the remote's refusal as RemoteS3Error
 */
export async function writeRemoteDocument(conn: Connection, bucket: string, asked: RemoteDocument, before?: RemoteDocument): Promise<WriteOutcome> {
  before ??= await read(conn, bucket);
  const topics = await hasTopicApi(conn);
  // A hook without Id would get one from the remote, and could then not be matched when read back.
  const named = asked.hooks.map((h) => (h.id ? h : { ...h, id: `hook-${randomUUID().slice(0, 8)}` }));
  const resolved = topics ? await resolveTopics(conn, bucket, named, before.hooks) : { hooks: named, created: [], notes: [] };
  const want: RemoteDocument = { hooks: resolved.hooks, kept: asked.kept };
  const notes = [...resolved.notes];
  let found: RemoteDocument | undefined;
  try {
    await put(conn, bucket, want, topics);
    found = await read(conn, bucket);
    let cmp = compareDocuments(want, found);
    if (cmp.leftover.length > 0) {
      const removed = await removeByIds(conn, bucket, cmp.leftover);
      notes.push(`${hostOf(conn)} kept ${removed.join(', ')} after the PUT (it merges hooks by Id): removed with DELETE ?notification=<Id>`);
      found = await read(conn, bucket);
      cmp = compareDocuments(want, found);
      if (cmp.missing.length > 0) {
        await put(conn, bucket, want, topics);
        found = await read(conn, bucket);
        cmp = compareDocuments(want, found);
      }
    }
    if (cmp.differences.length > 0) throw mismatch(conn, bucket, cmp, found);
    notes.push(...await dropUnusedTopics(conn, bucket, [...before.hooks.map((h) => h.url), ...resolved.created], found.hooks));
    return { ...found, notes };
  } catch (err) {
    if (resolved.created.length > 0) {
      const now = found ?? await read(conn, bucket).catch(() => undefined);
      if (now) await dropUnusedTopics(conn, bucket, resolved.created, now.hooks).catch(() => []);
    }
    // A refusal of URL hooks on a service without a topic API says so after what the service said (or what was
    // sent); a URL the service tried to confirm stands as it is, with its handshake hint.
    const urlRefused = err instanceof RemoteS3Error && err.code === 'InvalidArgument' && !/confirm/i.test(err.remoteMessage);
    if (!topics && urlRefused && want.hooks.some((h) => /^https?:/i.test(h.url))) {
      err.message += ` — ${hostOf(conn)} takes neither URL hooks nor topics through its S3 endpoint (no SNS-compatible `
        + 'topic API answered): create the destination on the service and name its ARN';
    }
    throw err;
  }
}
