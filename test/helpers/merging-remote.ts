// Test helper: a stand-in for Ceph RGW 16.2's bucket notifications on 127.0.0.1:0, written from what a real radosgw
// answered (see test/remote/ceph-rgw.test.ts): PUT ?notification merges by Id and topic (the same Id with another
// topic is a second entry; DELETE ?notification=<Id> removes the first entry with that Id), an empty document, capitalised rule
// names or only SimpleTopicConfiguration are MalformedXML, SimpleTopicConfiguration next to topics and unknown
// elements are dropped silently, Topic must name an existing topic ARN, DELETE ?notification[=Id], the SNS-like
// topic API (ListTopics, CreateTopic, DeleteTopic) as form POSTs, and error documents without a Message. For the
// UI it also lists the buckets it has seen and answers every object listing empty.
// Signatures are not checked: this stands in for the document semantics only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';

interface Rule { Name: string; Value: string }
interface Stored { id: string; topic: string; events: string[]; filter: Record<'S3Key' | 'S3Metadata' | 'S3Tags', Rule[]> }

/** The running stand-in; `requests` counts each `METHOD ?subresource` it answered. */
export interface MergingRemote { endpoint: string; requests: string[]; close(): Promise<void> }

const ARRAYS = new Set(['TopicConfiguration', 'SimpleTopicConfiguration', 'Event', 'FilterRule']);
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ARRAYS.has(name) });
const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const error = (res: http.ServerResponse, status: number, code: string) =>
  res.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message></Message></Error>`);

type Config = { Id?: string; Topic?: string; Event?: string[]; Filter?: Partial<Record<'S3Key' | 'S3Metadata' | 'S3Tags', { FilterRule?: Rule[] }>> };

function render(hooks: Map<string, Stored>): string {
  const rules = (rs: Rule[]) => rs.map((r) => `<FilterRule><Name>${esc(r.Name)}</Name><Value>${esc(r.Value)}</Value></FilterRule>`).join('');
  const body = [...hooks].sort(([a], [b]) => a.localeCompare(b)).map(([, h]) => h).map((h) => {
    const parts = (['S3Key', 'S3Metadata', 'S3Tags'] as const).filter((k) => h.filter[k].length > 0).map((k) => `<${k}>${rules(h.filter[k])}</${k}>`).join('');
    return `<TopicConfiguration><Id>${esc(h.id)}</Id><Topic>${esc(h.topic)}</Topic>${parts ? `<Filter>${parts}</Filter>` : ''}${h.events.map((e) => `<Event>${e}</Event>`).join('')}</TopicConfiguration>`;
  }).join('');
  return `<NotificationConfiguration>${body}</NotificationConfiguration>`;
}

/**
 * Start the stand-in; `region` is the zonegroup in topic ARNs (`arn:aws:sns:<region>::<name>`). Without `topicApi`
 * it answers no topic action, like a service that needs ARNs of destinations made elsewhere (AWS SNS).
 */
export async function startMergingRemote(region = 'default', topicApi = true): Promise<MergingRemote> {
  const buckets = new Map<string, Map<string, Stored>>();
  const topics = new Map<string, string>();
  const requests: string[] = [];
  const put = (res: http.ServerResponse, hooks: Map<string, Stored>, body: string) => {
    let doc: { NotificationConfiguration?: { TopicConfiguration?: Config[]; SimpleTopicConfiguration?: unknown[] } | '' };
    try { doc = parser.parse(body, true) as typeof doc; } catch { return error(res, 400, 'MalformedXML'); }
    const configs = typeof doc.NotificationConfiguration === 'object' ? doc.NotificationConfiguration.TopicConfiguration ?? [] : [];
    if (configs.length === 0) return error(res, 400, 'MalformedXML');
    const next: Stored[] = [];
    for (const c of configs) {
      const filter = { S3Key: c.Filter?.S3Key?.FilterRule ?? [], S3Metadata: c.Filter?.S3Metadata?.FilterRule ?? [], S3Tags: c.Filter?.S3Tags?.FilterRule ?? [] };
      if (filter.S3Key.some((r) => !['prefix', 'suffix', 'regex'].includes(r.Name))) return error(res, 400, 'MalformedXML');
      if (!c.Topic?.startsWith('arn:')) return error(res, 400, 'InvalidArgument');
      if (!topics.has(c.Topic)) return error(res, 404, 'NoSuchKey');
      next.push({ id: c.Id ?? '', topic: c.Topic, events: c.Event ?? [], filter });
    }
    for (const s of next) hooks.set(`${s.id}_${s.topic}`, s);
    return res.writeHead(200).end();
  };
  const sns = (res: http.ServerResponse, form: URLSearchParams) => {
    const action = form.get('Action');
    const ok = (xml: string) => res.writeHead(200, { 'content-type': 'application/xml' }).end(xml);
    if (action === 'ListTopics') {
      const members = [...topics].map(([arn, endpoint]) => `<member><Name>${esc(arn.split(':').pop() ?? '')}</Name><EndPoint><EndpointAddress>${esc(endpoint)}</EndpointAddress></EndPoint><TopicArn>${esc(arn)}</TopicArn></member>`);
      return ok(`<ListTopicsResponse><ListTopicsResult><Topics>${members.join('')}</Topics></ListTopicsResult></ListTopicsResponse>`);
    }
    if (action === 'CreateTopic') {
      const arn = `arn:aws:sns:${region}::${form.get('Name') ?? ''}`;
      let endpoint = '';
      for (let i = 1; form.has(`Attributes.entry.${i}.key`); i++) if (form.get(`Attributes.entry.${i}.key`) === 'push-endpoint') endpoint = form.get(`Attributes.entry.${i}.value`) ?? '';
      topics.set(arn, endpoint);
      return ok(`<CreateTopicResponse><CreateTopicResult><TopicArn>${esc(arn)}</TopicArn></CreateTopicResult></CreateTopicResponse>`);
    }
    if (action === 'DeleteTopic') { topics.delete(form.get('TopicArn') ?? ''); return ok('<DeleteTopicResponse/>'); }
    return error(res, 400, 'InvalidArgument');
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://x');
      const bucket = url.pathname.slice(1);
      const id = url.searchParams.get('notification');
      requests.push(`${req.method} ${id === null ? url.pathname : `?notification${id ? `=${id}` : ''}`}`);
      if (req.method === 'POST' && bucket === '') return topicApi ? sns(res, new URLSearchParams(body)) : error(res, 405, 'MethodNotAllowed');
      const xml = (body: string) => res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
      if (req.method === 'GET' && bucket === '') {
        return xml(`<ListAllMyBucketsResult><Owner><ID>tester</ID></Owner><Buckets>${[...buckets.keys()].map((b) => `<Bucket><Name>${b}</Name>`
          + '<CreationDate>2026-01-01T00:00:00.000Z</CreationDate></Bucket>').join('')}</Buckets></ListAllMyBucketsResult>`);
      }
      if (req.method === 'GET' && id === null) return xml(`<ListBucketResult><Name>${bucket}</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>`);
      if (id === null) return error(res, 400, 'InvalidRequest');
      if (!buckets.has(bucket)) buckets.set(bucket, new Map());
      const hooks = buckets.get(bucket) as Map<string, Stored>;
      if (req.method === 'GET') return res.writeHead(200, { 'content-type': 'application/xml' }).end(render(hooks));
      if (req.method === 'PUT') return put(res, hooks, body);
      if (req.method === 'DELETE') { if (id) hooks.delete([...hooks.keys()].sort().find((k) => hooks.get(k)?.id === id) ?? ''); else hooks.clear(); return res.writeHead(200).end(); }
      return error(res, 405, 'MethodNotAllowed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
