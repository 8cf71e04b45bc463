// The SNS-compatible topic API some S3 services serve on their S3 endpoint (Ceph RGW): list, create (push-endpoint,
// persistent) and delete topics as signed form POSTs. Whether a remote has it is probed once per connection.
// @see https://docs.ceph.com/en/pacific/radosgw/notifications/
import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import type { Connection } from './connection';
import { errorFromAnswer } from './remote-error';

/** A topic: its ARN, name and the URL it pushes to ('' when it pushes elsewhere, e.g. AMQP). */
export interface Topic { arn: string; name: string; endpoint: string }

/** Topics BucketHooks creates are named `buckethooks-<bucket>-<hash of the URL>` and deleted with their last hook. */
export const OWN_TOPIC_PREFIX = 'buckethooks-';

const xml = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'member' });
const probes = new WeakMap<Connection, Promise<boolean>>();

/** True for an SNS topic ARN (`arn:aws:sns:<zonegroup>::<name>`). */
export const isTopicArn = (target: string) => /^arn:[^:]+:sns:/.test(target);

/** The topic name at the end of an ARN. */
export const topicName = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

/** The bucket as it appears in a topic name (topic names take letters, digits, `-` and `_`; a dot becomes `_`). */
const bucketPart = (bucket: string) => bucket.replace(/[^A-Za-z0-9-]/g, '_');

/** The name of the topic BucketHooks creates for `url` on `bucket` (the same inputs always give the same name). */
export function ownTopicName(bucket: string, url: string): string {
  return `${OWN_TOPIC_PREFIX}${bucketPart(bucket)}-${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
}

/** True when `arn` names a topic BucketHooks created for `bucket` (not one of `bucket-other`'s). */
export function isOwnTopic(arn: string, bucket: string): boolean {
  const name = topicName(arn);
  const head = `${OWN_TOPIC_PREFIX}${bucketPart(bucket)}-`;
  return name.startsWith(head) && /^[0-9a-f]{12}$/.test(name.slice(head.length));
}

async function call(conn: Connection, params: Record<string, string>): Promise<Record<string, unknown>> {
  const answer = await conn.raw({ method: 'POST', query: {}, body: new URLSearchParams(params).toString(), contentType: 'application/x-www-form-urlencoded' });
  if (answer.status < 200 || answer.status > 299) throw errorFromAnswer(answer.status, answer.body, answer.headers['content-type']);
  return xml.parse(answer.body) as Record<string, unknown>;
}

type Member = { Name?: string; TopicArn?: string; EndPoint?: { EndpointAddress?: string } };

/** The remote's topics. @throws the remote's error (the caller probed the API first) */
export async function listTopics(conn: Connection): Promise<Topic[]> {
  const doc = await call(conn, { Action: 'ListTopics' }) as { ListTopicsResponse?: { ListTopicsResult?: { Topics?: { member?: Member[] } } } };
  const members = doc.ListTopicsResponse?.ListTopicsResult?.Topics?.member ?? [];
  return members.map((m) => ({ arn: String(m.TopicArn ?? ''), name: String(m.Name ?? ''), endpoint: String(m.EndPoint?.EndpointAddress ?? '') }));
}

/** Whether the remote answers the topic API's ListTopics (asked once per connection). */
export function hasTopicApi(conn: Connection): Promise<boolean> {
  let probe = probes.get(conn);
  if (!probe) {
    probe = listTopics(conn).then(() => true, () => false);
    probes.set(conn, probe);
  }
  return probe;
}

/** Create (or update) the topic `name` pushing to `endpoint`, persistent where offered; returns its ARN. */
export async function createTopic(conn: Connection, name: string, endpoint: string): Promise<string> {
  const doc = await call(conn, {
    Action: 'CreateTopic', Name: name,
    'Attributes.entry.1.key': 'push-endpoint', 'Attributes.entry.1.value': endpoint,
    'Attributes.entry.2.key': 'persistent', 'Attributes.entry.2.value': 'true',
  }) as { CreateTopicResponse?: { CreateTopicResult?: { TopicArn?: string } } };
  const arn = doc.CreateTopicResponse?.CreateTopicResult?.TopicArn;
  if (!arn) throw new Error(`CreateTopic ${name}: the answer has no TopicArn`);
  return String(arn);
}

/** Delete the topic `arn`. */
export async function deleteTopic(conn: Connection, arn: string): Promise<void> {
  await call(conn, { Action: 'DeleteTopic', TopicArn: arn });
}
