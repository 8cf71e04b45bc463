// Hook targets on a remote whose notifications name topics (Ceph RGW): a URL becomes the ARN of a topic pushing to
// it (reused when one exists, else created as `buckethooks-<bucket>-<hash>`), an ARN shows the URL its topic pushes
// to, and BucketHooks' own topics that no hook names any more are deleted.
import type { Connection } from './connection';
import type { RemoteHook } from './remote-document';
import { createTopic, deleteTopic, isOwnTopic, isTopicArn, listTopics, OWN_TOPIC_PREFIX, ownTopicName, type Topic } from './topics';

const isUrl = (target: string) => /^https?:\/\//i.test(target);

/** What resolving did: the hooks with ARN targets, the topics created for them, and lines for the user. */
export interface Resolved { hooks: RemoteHook[]; created: string[]; notes: string[] }

/**
 * Give every URL hook a topic: keep the topic the hook already had when it pushes to the same URL, else reuse a
 * topic pushing there (one of this bucket's own, or one BucketHooks did not make), else create one.
 */
export async function resolveTopics(conn: Connection, bucket: string, wanted: readonly RemoteHook[], before: readonly RemoteHook[]): Promise<Resolved> {
  const out: Resolved = { hooks: [], created: [], notes: [] };
  if (!wanted.some((h) => isUrl(h.url))) return { ...out, hooks: [...wanted] };
  const topics = await listTopics(conn);
  const byArn = new Map(topics.map((t) => [t.arn, t]));
  for (const hook of wanted) {
    if (!isUrl(hook.url)) { out.hooks.push(hook); continue; }
    const had = before.find((h) => h.id === hook.id && byArn.get(h.url)?.endpoint === hook.url);
    const usable = (t: Topic) => t.endpoint === hook.url && (isOwnTopic(t.arn, bucket) || !t.name.startsWith(OWN_TOPIC_PREFIX));
    let arn = had?.url ?? topics.find(usable)?.arn;
    if (!arn) {
      arn = await createTopic(conn, ownTopicName(bucket, hook.url), hook.url);
      topics.push({ arn, name: ownTopicName(bucket, hook.url), endpoint: hook.url });
      byArn.set(arn, topics[topics.length - 1]);
      out.created.push(arn);
      out.notes.push(`Created topic ${arn} pushing to ${hook.url}`);
    }
    if (hook.dialect === 'vk') out.notes.push(`Hook ${hook.id} is written as a TopicConfiguration: this service takes topics, not SimpleTopicConfiguration`);
    out.hooks.push({ ...hook, dialect: 'topic', url: arn });
  }
  return out;
}

/** Delete this bucket's own topics among `candidates` that no hook in `remaining` names; returns lines for the user. */
export async function dropUnusedTopics(conn: Connection, bucket: string, candidates: Iterable<string>, remaining: readonly RemoteHook[]): Promise<string[]> {
  const notes: string[] = [];
  const used = new Set(remaining.map((h) => h.url));
  for (const arn of new Set(candidates)) {
    if (!isTopicArn(arn) || !isOwnTopic(arn, bucket) || used.has(arn)) continue;
    await deleteTopic(conn, arn);
    notes.push(`Deleted topic ${arn}: no hook uses it any more`);
  }
  return notes;
}

/** The URL each topic ARN among `hooks` pushes to (missing when the topic is gone or pushes elsewhere). */
export async function topicEndpoints(conn: Connection, hooks: readonly RemoteHook[]): Promise<Map<string, string>> {
  if (!hooks.some((h) => isTopicArn(h.url))) return new Map();
  return new Map((await listTopics(conn)).filter((t) => t.endpoint).map((t) => [t.arn, t.endpoint]));
}

/** A hook with the URL its events go to: its topic's push endpoint, or its own target when that is not a topic. */
export type ShownHook = RemoteHook & { endpoint: string; topicArn: string | null };

/** `hooks` with their endpoints (one ListTopics when any hook names a topic). */
export async function withEndpoints(conn: Connection, hooks: readonly RemoteHook[]): Promise<ShownHook[]> {
  const endpoints = await topicEndpoints(conn, hooks);
  return hooks.map((h) => (isTopicArn(h.url)
    ? { ...h, endpoint: endpoints.get(h.url) ?? h.url, topicArn: h.url }
    : { ...h, endpoint: h.url, topicArn: null }));
}
