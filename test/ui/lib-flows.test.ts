// @vitest-environment happy-dom
// Pure helpers behind the delivery log's URL filter, relative times, folder names and dropped folders.
import { describe, expect, it } from 'vitest';
import { describeFilter, filterFromQuery, queryFromFilter } from '../../src-renderer/src/lib/delivery-query';
import { formatDuration } from '../../src-renderer/src/lib/format';
import { folderNameError } from '../../src-renderer/src/lib/folder-name';
import { walkEntry, type EntryLike } from '../../src-renderer/src/lib/dropped-files';

describe('delivery filter in the URL', () => {
  it('round-trips every field through the query', () => {
    const filter = { bucket: 'photos', hookId: 'h1', status: 'failed' as const, keyPrefix: 'a/', since: 1_700_000_000_000, until: 1_700_000_100_000 };
    const query = queryFromFilter(filter);
    expect(query).toEqual({ bucket: 'photos', hook: 'h1', status: 'failed', key: 'a/', since: '2023-11-14T22:13:20.000Z', until: '2023-11-14T22:15:00.000Z' });
    expect(filterFromQuery(query)).toEqual(filter);
  });
  it('drops empty, unknown and malformed values', () => {
    expect(filterFromQuery({ status: 'bogus', bucket: '', since: 'yesterday-ish', until: '123', other: 'x' })).toEqual({ until: 123 });
    expect(filterFromQuery({ status: ['pending', 'failed'] })).toEqual({ status: 'pending' });
    expect(queryFromFilter({})).toEqual({});
  });
  it('describes a filter in words', () => {
    expect(describeFilter({ status: 'failed', bucket: 'b', keyPrefix: 'x/' })).toBe('status failed · bucket b · keys starting with "x/"');
    expect(describeFilter({})).toBe('');
  });
});

describe('relative durations', () => {
  it.each([[-5, 'now'], [400, 'now'], [12_000, '12 s'], [180_000, '3 min'], [3_600_000, '1 h'], [3_900_000, '1 h 5 min'],
    [93_600_000, '1 d 2 h'], [172_800_000, '2 d']])('%i ms → %s', (ms, text) => { expect(formatDuration(ms)).toBe(text); });
});

describe('folder names', () => {
  it.each([['reports', null], ['', 'Enter a name'], ['a/b', 'A folder name cannot contain "/" (create one folder at a time)'],
    ['..', 'Choose a name other than "." or ".."']])('%j → %s', (name, error) => { expect(folderNameError(name, 'x/')).toBe(error); });
  it('counts the whole key against the 1024-byte limit', () => {
    expect(folderNameError('é'.repeat(501), 'p/'.repeat(10))).toBeNull();
    expect(folderNameError('é'.repeat(502), 'p/'.repeat(10))).toBe('Too long: a key is at most 1024 bytes');
  });
});

describe('dropped folders', () => {
  const file = (name: string): EntryLike => ({ isFile: true, isDirectory: false, name, file: (ok) => ok(new File([name], name)) });
  const dir = (name: string, children: EntryLike[]): EntryLike => {
    const batches = [children.slice(0, 2), children.slice(2), []];
    return { isFile: false, isDirectory: true, name, createReader: () => ({ readEntries: (ok) => ok(batches.shift() ?? []) }) };
  };
  it('keeps relative paths, reading folders batch by batch', async () => {
    const tree = dir('photos', [file('a.jpg'), dir('2024', [file('b.jpg')]), file('c.jpg'), dir('empty', [])]);
    const files = await walkEntry(tree);
    expect(files.map((f) => f.path)).toEqual(['photos/a.jpg', 'photos/2024/b.jpg', 'photos/c.jpg']);
    expect(await files[1].file.text()).toBe('b.jpg');
  });
});
