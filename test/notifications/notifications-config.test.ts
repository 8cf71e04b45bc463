// Parser, validator and renderer of the notification configuration: fixtures round-trip, every SPEC §3 error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src-main/core/notifications/parse-config';
import { validateConfig } from '../../src-main/core/notifications/validate-config';
import { renderConfig } from '../../src-main/core/notifications/render-config';
import { ConfigError } from '../../src-main/core/notifications/errors';

const FIXTURES = new URL('../fixtures', import.meta.url).pathname;
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const compact = (xml: string) => xml.replace(/<\?xml[^>]*\?>/, '').replace(/>\s+</g, '><').trim();
const doc = (inner: string) => `<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${inner}</NotificationConfiguration>`;
const vk = (inner: string) => `<SimpleTopicConfiguration>${inner}</SimpleTopicConfiguration>`;
const topic = (inner: string) => `<TopicConfiguration>${inner}</TopicConfiguration>`;
const filter = (...rules: [string, string][]) =>
  `<Filter><S3Key>${rules.map(([n, v]) => `<FilterRule><Name>${n}</Name><Value>${v}</Value></FilterRule>`).join('')}</S3Key></Filter>`;
const load = (xml: string) => validateConfig(parseConfig(xml), () => 'generated-id');

function errorOf(xml: string): ConfigError {
  try { load(xml); } catch (err) { if (err instanceof ConfigError) return err; throw err; }
  throw new Error('expected a ConfigError');
}

describe('notification config round trips', () => {
  it.each(['vk-notification-config.xml', 'aws-notification-config.xml'])('renders %s back as written', (name) => {
    const xml = fixture(name);
    expect(compact(renderConfig(load(xml)))).toBe(compact(xml));
  });

  it('parses the VK fixture into two hooks with their filters', () => {
    expect(load(fixture('vk-notification-config.xml'))).toEqual([
      { id: '1', dialect: 'vk', url: 'http://test.com', events: ['s3:ObjectCreated:Put'],
        rules: [{ name: 'Prefix', value: 'image/' }, { name: 'Suffix', value: '.png' }] },
      { id: '2', dialect: 'vk', url: 'http://test123.com', events: ['s3:ObjectRemoved:Delete'], rules: [] },
    ]);
  });

  it('keeps document order across dialects and renders each in its own', () => {
    const xml = doc(topic('<Id>a</Id><Topic>http://h/a</Topic><Event>s3:ObjectCreated:Put</Event>')
      + vk('<Id>b</Id><Event>s3:ObjectRemoved:*</Event><Url>https://h/b?x=1&amp;y=2</Url>')
      + '<QueueConfiguration><Id>c</Id><Queue>http://h/c</Queue><Event>s3:ObjectCreated:Copy</Event></QueueConfiguration>'
      + '<CloudFunctionConfiguration><Id>d</Id><CloudFunction>http://h/d</CloudFunction><Event>s3:ObjectCreated:Post</Event></CloudFunctionConfiguration>');
    const specs = load(xml);
    expect(specs.map((s) => [s.id, s.dialect])).toEqual([['a', 'topic'], ['b', 'vk'], ['c', 'queue'], ['d', 'cloudfunction']]);
    expect(specs[1].url).toBe('https://h/b?x=1&y=2');
    expect(compact(renderConfig(specs))).toBe(compact(xml));
  });

  it('writes VK rule names back capitalised and AWS rule names as sent', () => {
    const out = renderConfig(load(doc(
      vk('<Id>v</Id><Event>s3:ObjectCreated:Put</Event><Url>http://h/</Url>' + filter(['prefix', 'a/'], ['SUFFIX', '.x']))
      + topic('<Id>t</Id><Topic>http://h/</Topic><Event>s3:ObjectRemoved:Delete</Event>' + filter(['Prefix', 'b/'])),
    )));
    expect(out).toContain('<Name>Prefix</Name><Value>a/</Value></FilterRule><FilterRule><Name>Suffix</Name>');
    expect(out).toContain('<Topic>http://h/</Topic><Event>s3:ObjectRemoved:Delete</Event><Filter><S3Key><FilterRule><Name>Prefix</Name><Value>b/</Value>');
  });

  it('renders the empty configuration self-closed with the S3 xmlns', () => {
    expect(renderConfig([])).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>');
    expect(load('')).toEqual([]);
    expect(load('<NotificationConfiguration/>')).toEqual([]);
  });

  it('generates a missing Id and escapes special characters when rendering', () => {
    const specs = load(doc(vk('<Event>s3:ObjectCreated:*</Event><Url>http://h/?a=1&amp;b=&lt;2&gt;</Url>')));
    expect(specs[0].id).toBe('generated-id');
    expect(renderConfig(specs)).toContain('<Url>http://h/?a=1&amp;b=&lt;2&gt;</Url>');
  });
});

const okVk = (id: string, event: string, ...rules: [string, string][]) =>
  vk(`<Id>${id}</Id><Event>${event}</Event><Url>http://h/${id}</Url>${rules.length ? filter(...rules) : ''}`);
const OVERLAP = 'Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if the prefixes are overlapping for the same event type.';

describe('notification config errors (SPEC §3)', () => {
  it.each([
    ['not XML', 'hello', 'MalformedXML', undefined],
    ['unclosed tag', '<NotificationConfiguration><SimpleTopicConfiguration>', 'MalformedXML', undefined],
    ['wrong root', '<Foo/>', 'MalformedXML', undefined],
    ['DOCTYPE with entity', '<!DOCTYPE x [<!ENTITY e "http://h">]>' + doc(vk('<Event>s3:ObjectCreated:Put</Event><Url>&e;</Url>')), 'MalformedXML', undefined],
    ['unknown element', doc(vk('<Event>s3:ObjectCreated:Put</Event><Url>http://h</Url><Bogus/>')), 'MalformedXML', undefined],
    ['missing Url', doc(vk('<Id>1</Id><Event>s3:ObjectCreated:Put</Event>')), 'InvalidArgument', 'Url'],
    ['missing Topic', doc(topic('<Id>1</Id><Event>s3:ObjectCreated:Put</Event>')), 'InvalidArgument', 'Topic'],
    ['ftp Url', doc(vk('<Event>s3:ObjectCreated:Put</Event><Url>ftp://h/x</Url>')), 'InvalidArgument', 'Url'],
    ['SNS ARN target', doc(topic('<Topic>arn:aws:sns:us-east-1:123:t</Topic><Event>s3:ObjectCreated:Put</Event>')), 'InvalidArgument', 'arn:aws:sns:us-east-1:123:t'],
    ['URL over 2048', doc(vk(`<Event>s3:ObjectCreated:Put</Event><Url>http://h/${'a'.repeat(2048)}</Url>`)), 'InvalidArgument', 'Url'],
    ['duplicate Id', doc(okVk('x', 's3:ObjectCreated:Put') + okVk('x', 's3:ObjectRemoved:Delete')), 'InvalidArgument', 'Id'],
    ['two prefix rules', doc(okVk('1', 's3:ObjectCreated:Put', ['Prefix', 'a'], ['prefix', 'b'])), 'InvalidArgument', 'FilterRule.Name'],
    ['two suffix rules', doc(okVk('1', 's3:ObjectCreated:Put', ['suffix', 'a'], ['Suffix', 'b'])), 'InvalidArgument', 'FilterRule.Name'],
    ['bad rule name', doc(okVk('1', 's3:ObjectCreated:Put', ['middle', 'a'])), 'InvalidArgument', 'FilterRule.Name'],
    ['empty rule value', doc(okVk('1', 's3:ObjectCreated:Put', ['prefix', ''])), 'InvalidArgument', 'FilterRule.Value'],
    ['unknown event', doc(okVk('1', 's3:ObjectRestore:Post')), 'InvalidArgument', 'Event'],
    ['no event', doc(vk('<Url>http://h</Url>')), 'InvalidArgument', 'Event'],
    ['EventBridge', doc('<EventBridgeConfiguration/>'), 'InvalidArgument', 'EventBridgeConfiguration'],
    ['101 hooks', doc(Array.from({ length: 101 }, (_, i) => okVk(String(i), 's3:ObjectCreated:Put', ['prefix', `p${i}/`])).join('')), 'InvalidArgument', 'NotificationConfiguration'],
  ])('%s → %s', (_name, xml, code, argumentName) => {
    const err = errorOf(xml);
    expect(err.code).toBe(code);
    expect(err.details.ArgumentName).toBe(argumentName);
  });

  it('names the messages SPEC §3 quotes', () => {
    expect(errorOf(doc(okVk('1', 's3:Foo'))).message).toBe('The event is not supported for notifications');
    expect(errorOf(doc(topic('<Topic>arn:aws:sqs:x</Topic><Event>s3:ObjectCreated:Put</Event>'))).message)
      .toBe('Unable to validate the following destination configurations');
    expect(errorOf(doc(okVk('1', 's3:ObjectCreated:Put') + okVk('2', 's3:ObjectCreated:*'))).message).toBe(OVERLAP);
  });

  it('accepts exactly 100 hooks', () => {
    const xml = doc(Array.from({ length: 100 }, (_, i) => okVk(String(i), 's3:ObjectCreated:Put', ['prefix', `p${i}/`])).join(''));
    expect(load(xml)).toHaveLength(100);
  });

  it.each([
    ['same event, no filters', ['s3:ObjectCreated:Put', []], ['s3:ObjectCreated:Put', []], true],
    ['wildcard vs member', ['s3:ObjectRemoved:*', []], ['s3:ObjectRemoved:Delete', [['prefix', 'a/']]], true],
    ['different families', ['s3:ObjectCreated:*', []], ['s3:ObjectRemoved:*', []], false],
    ['different events of one family', ['s3:ObjectCreated:Put', []], ['s3:ObjectCreated:Copy', []], false],
    ['disjoint prefixes', ['s3:ObjectCreated:Put', [['prefix', 'a/']]], ['s3:ObjectCreated:Put', [['prefix', 'b/']]], false],
    ['nested prefixes', ['s3:ObjectCreated:Put', [['prefix', 'a/']]], ['s3:ObjectCreated:Put', [['prefix', 'a/b/']]], true],
    ['same prefix, disjoint suffixes', ['s3:ObjectCreated:Put', [['prefix', 'a/'], ['suffix', '.jpg']]], ['s3:ObjectCreated:Put', [['prefix', 'a/'], ['suffix', '.png']]], false],
    ['same prefix, nested suffixes', ['s3:ObjectCreated:Put', [['suffix', '.jpg']]], ['s3:ObjectCreated:Put', [['suffix', 'x.jpg']]], true],
    ['prefix-only vs suffix-only', ['s3:ObjectCreated:Put', [['prefix', 'a/']]], ['s3:ObjectCreated:Put', [['suffix', '.jpg']]], true],
  ] as [string, [string, [string, string][]], [string, [string, string][]], boolean][])('overlap: %s → %s', (_n, a, b, overlaps) => {
    const xml = doc(okVk('a', a[0], ...a[1]) + okVk('b', b[0], ...b[1]));
    if (overlaps) expect(errorOf(xml).message).toBe(OVERLAP);
    else expect(load(xml)).toHaveLength(2);
  });
});
