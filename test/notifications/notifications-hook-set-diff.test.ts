// The hook-set diff behind import previews and "Apply these hooks to…": added / changed / removed by Id,
// what does not count as a change, the document that would be sent, and the keep-others merge.
import { describe, expect, it } from 'vitest';
import { diffHookSets, mergeHookSets, sameHook } from '../../src-main/core/notifications/hook-set-diff';
import { parseConfig } from '../../src-main/core/notifications/parse-config';
import { validateConfig } from '../../src-main/core/notifications/validate-config';
import type { HookSpec } from '../../src-main/core/notifications/types';

const hook = (id: string, over: Partial<HookSpec> = {}): HookSpec =>
  ({ id, dialect: 'vk', url: `http://h/${id}`, events: ['s3:ObjectCreated:*'], rules: [], ...over });
const ids = (hooks: HookSpec[]) => hooks.map((h) => h.id);

describe('diffHookSets', () => {
  it('sorts hooks into added, changed, removed and unchanged by Id', () => {
    const current = [hook('a'), hook('b'), hook('c', { url: 'http://old/c' })];
    const next = [hook('c', { url: 'http://new/c' }), hook('d'), hook('a')];
    const diff = diffHookSets(current, next);
    expect(ids(diff.added)).toEqual(['d']);
    expect(diff.changed).toEqual([{ before: current[2], after: next[0] }]);
    expect(ids(diff.removed)).toEqual(['b']);
    expect(ids(diff.unchanged)).toEqual(['a']);
  });

  it('renders the whole next set as the document one PUT sends, parseable back to the same hooks', () => {
    const next = [hook('v', { rules: [{ name: 'Prefix', value: 'img/' }] }),
      hook('t', { dialect: 'topic', events: ['s3:ObjectRemoved:Delete'] })];
    const diff = diffHookSets([hook('x')], next);
    expect(diff.xml).toContain('<SimpleTopicConfiguration><Id>v</Id>');
    expect(diff.xml).toContain('<TopicConfiguration><Id>t</Id><Topic>http://h/t</Topic>');
    expect(validateConfig(parseConfig(diff.xml))).toEqual(next);
  });

  it('renders the empty configuration when every hook is removed', () => {
    const diff = diffHookSets([hook('a')], []);
    expect(ids(diff.removed)).toEqual(['a']);
    expect(diff.xml).toMatch(/<NotificationConfiguration xmlns="[^"]+"\/>$/);
  });

  it.each<[string, Partial<HookSpec>, boolean]>([
    ['event order', { events: ['s3:ObjectRemoved:*', 's3:ObjectCreated:*'] }, true],
    ['rule-name case', { rules: [{ name: 'prefix', value: 'a/' }] }, true],
    ['URL', { url: 'http://h/other' }, false],
    ['dialect', { dialect: 'topic' }, false],
    ['events', { events: ['s3:ObjectCreated:*'] }, false],
    ['prefix value', { rules: [{ name: 'Prefix', value: 'b/' }] }, false],
    ['suffix added', { rules: [{ name: 'Prefix', value: 'a/' }, { name: 'Suffix', value: '.png' }] }, false],
  ])('%s: same hook = %s', (_what, over, same) => {
    const base = hook('a', { events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'], rules: [{ name: 'Prefix', value: 'a/' }] });
    expect(sameHook(base, { ...base, ...over })).toBe(same);
  });
});

describe('mergeHookSets', () => {
  const target = [hook('keep'), hook('shared', { url: 'http://t/shared' })];
  const source = [hook('shared'), hook('new')];

  it('replaces the target with the source by default', () => {
    expect(mergeHookSets(target, source, false)).toEqual(source);
  });

  it('keeps the target hooks the source does not name, first', () => {
    expect(ids(mergeHookSets(target, source, true))).toEqual(['keep', 'shared', 'new']);
    expect(mergeHookSets(target, source, true)[1].url).toBe('http://h/shared');
  });
});
