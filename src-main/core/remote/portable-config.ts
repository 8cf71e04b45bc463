// Configuration files that move between services: an export from a topic-based remote names each topic's URL
// instead of its ARN (so the file imports into BucketHooks, VK or AWS-style services), and an import into such a
// remote turns URLs back into topics. Both go through the verified write path.
import type { Connection } from './connection';
import { parseRemoteDocument } from './remote-document';
import { requireRemoteConfig } from './remote-notifications';
import { renderRemoteDocument } from './remote-render';
import { writeRemoteDocument, type WriteOutcome } from './remote-write';
import { topicEndpoints } from './topic-targets';

/**
 * The bucket's configuration as a portable file: the document GET returns, with each topic ARN whose topic pushes
 * to an http(s) URL replaced by that URL. Read-only parts are kept as they are.
 */
export async function exportRemoteXml(conn: Connection, bucket: string): Promise<string> {
  const config = await requireRemoteConfig(conn, bucket);
  const endpoints = await topicEndpoints(conn, config.hooks);
  if (endpoints.size === 0) return config.xml;
  const hooks = config.hooks.map((h) => {
    const url = endpoints.get(h.url);
    return url && /^https?:\/\//i.test(url) ? { ...h, url } : h;
  });
  return renderRemoteDocument({ hooks, kept: config.kept }, { lowerRuleNames: false });
}

/** Make a file the bucket's whole configuration (hooks not in it are removed), verified by reading it back. */
export function importRemoteXml(conn: Connection, bucket: string, xml: string): Promise<WriteOutcome> {
  return writeRemoteDocument(conn, bucket, parseRemoteDocument(xml));
}
