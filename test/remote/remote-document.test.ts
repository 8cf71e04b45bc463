// The lenient reading of a remote's ?notification document and its rendering back: hooks BucketHooks can edit, and
// Ceph's S3Metadata/S3Tags filters, regex rules and unknown elements kept verbatim, in their places, as read-only
// lines; rule names lower-cased for a topic-based remote; what read-back comparison names; whose topic is whose.
// Table-driven, pure.
import { describe, expect, it } from 'vitest';
import { parseRemoteDocument } from '../../src-main/core/remote/remote-document';
import { renderRemoteDocument } from '../../src-main/core/remote/remote-render';
import { compareDocuments } from '../../src-main/core/remote/remote-compare';
import { isOwnTopic, ownTopicName } from '../../src-main/core/remote/topics';

const doc = (inner: string) => `<NotificationConfiguration>${inner}</NotificationConfiguration>`;
const topic = (inner: string) => doc(`<TopicConfiguration><Id>t</Id><Topic>arn:aws:sns:default::x</Topic><Event>s3:ObjectCreated:*</Event>${inner}</TopicConfiguration>`);

describe('parseRemoteDocument', () => {
  it.each([
    ['S3Metadata filter', topic('<Filter><S3Metadata><FilterRule><Name>x-amz-meta-color</Name><Value>red</Value></FilterRule></S3Metadata></Filter>'), 'filter', 'S3Metadata: x-amz-meta-color=red'],
    ['S3Tags filter', topic('<Filter><S3Tags><FilterRule><Name>env</Name><Value>prod</Value></FilterRule></S3Tags></Filter>'), 'filter', 'S3Tags: env=prod'],
    ['regex key rule', topic('<Filter><S3Key><FilterRule><Name>regex</Name><Value>^a.*$</Value></FilterRule></S3Key></Filter>'), 'key', 'FilterRule: Name=regex, Value=^a.*$'],
    ['unknown hook element', topic('<OpaqueData>x</OpaqueData>'), 'hook', 'OpaqueData: x'],
  ])('keeps a %s read-only', (_name, xml, place, text) => {
    const { hooks } = parseRemoteDocument(xml);
    expect(hooks[0].kept).toMatchObject([{ place, text }]);
    const again = parseRemoteDocument(renderRemoteDocument({ hooks, kept: [] }, { lowerRuleNames: true }));
    expect(again.hooks).toEqual(hooks);
  });

  it('keeps an element that is not a hook at document level, and reads the rest', () => {
    const parsed = parseRemoteDocument(doc('<EventBridgeConfiguration/><SimpleTopicConfiguration><Id>v</Id><Event>s3:ObjectCreated:*</Event><Url>http://h/</Url>'
      + '<Filter><S3Key><FilterRule><Name>prefix</Name><Value>a/</Value></FilterRule></S3Key></Filter></SimpleTopicConfiguration>'));
    expect(parsed.kept).toMatchObject([{ place: 'document', text: 'EventBridgeConfiguration: (empty)' }]);
    expect(parsed.hooks).toEqual([{ id: 'v', dialect: 'vk', url: 'http://h/', events: ['s3:ObjectCreated:*'], rules: [{ name: 'prefix', value: 'a/' }], kept: [] }]);
  });

  it.each([['not XML', '<nope'], ['another root', '<ListBucketResult/>']])('refuses %s as MalformedXML', (_name, xml) => {
    expect(() => parseRemoteDocument(xml)).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
  });
});

describe('renderRemoteDocument', () => {
  it('lower-cases rule names for a topic-based remote and capitalises VK ones', () => {
    const { hooks } = parseRemoteDocument(topic('<Filter><S3Key><FilterRule><Name>Prefix</Name><Value>a/</Value></FilterRule></S3Key></Filter>'));
    expect(renderRemoteDocument({ hooks, kept: [] }, { lowerRuleNames: true })).toContain('<Name>prefix</Name>');
    expect(renderRemoteDocument({ hooks, kept: [] }, { lowerRuleNames: false })).toContain('<Name>Prefix</Name>');
    expect(renderRemoteDocument({ hooks: [{ ...hooks[0], dialect: 'vk', url: 'http://h/' }], kept: [] }, { lowerRuleNames: true })).toContain('<Name>Prefix</Name>');
  });

  it('renders no hooks as the empty configuration', () => {
    expect(renderRemoteDocument({ hooks: [], kept: [] }, { lowerRuleNames: false })).toMatch(/<NotificationConfiguration xmlns="[^"]+"\/>$/);
  });
});

describe('compareDocuments', () => {
  const base = parseRemoteDocument(topic('')).hooks[0];
  it.each([
    ['kept hook', { hooks: [base] }, { hooks: [base, { ...base, id: 'old' }] }, 'hook old is still on the bucket although it was not in the document written'],
    ['dropped hook', { hooks: [base] }, { hooks: [] }, 'hook t (TopicConfiguration) is not on the bucket: the remote answered 200 and did not keep it'],
    ['duplicate', { hooks: [base] }, { hooks: [base, { ...base, url: 'arn:aws:sns:default::y' }] }, 'hook t is on the bucket 2 times'],
    ['changed events', { hooks: [base] }, { hooks: [{ ...base, events: ['s3:ObjectRemoved:*'] }] }, 'hook t: events asked s3:ObjectCreated:*, the bucket has s3:ObjectRemoved:*'],
  ])('names a %s', (_name, asked, found, text) => {
    expect(compareDocuments({ kept: [], ...asked }, { kept: [], ...found }).differences.join('; ')).toContain(text);
  });

  it('finds nothing when rule names differ only in case', () => {
    const upper = { ...base, rules: [{ name: 'Prefix', value: 'a/' }] };
    expect(compareDocuments({ hooks: [upper], kept: [] }, { hooks: [{ ...upper, rules: [{ name: 'prefix', value: 'a/' }] }], kept: [] }).differences).toEqual([]);
  });
});

describe('own topic names', () => {
  it.each([
    ['photos', 'photos', true], ['photos', 'photos-x', false], ['photos-x', 'photos', false], ['a.b', 'a-b', false],
  ])('a topic made for %s belongs to %s: %s', (made, asked, own) => {
    const arn = `arn:aws:sns:default::${ownTopicName(made, 'http://h/x')}`;
    expect(isOwnTopic(arn, asked)).toBe(own);
  });
});
