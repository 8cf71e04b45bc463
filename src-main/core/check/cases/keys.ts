// Hard keys: a space and a plus, a percent sign, unicode, a 1,024-byte key and a key ending in `/`, each in a
// PutObject record encoded the way the flavour encodes keys. Each must be answered 2xx.
import { keyInBody } from '../../payloads/catalog';
import { shorten } from '../context';
import { all2xx, type CheckCase } from './case';

const LONG_PREFIX = 'check/long-';

/** [case name, raw key, what makes it hard]. */
const KEYS: [string, string, string][] = [
  ['space-plus', 'check/my file+1.txt', 'a key with a space and a plus (form-URL-encoded: "+" is a space, "%2B" a plus)'],
  ['percent', 'check/100%.txt', 'a key with a percent sign ("%25" in the record: decode it once, not twice)'],
  ['unicode', 'check/фото/кот-🐱-ü.jpg', 'a unicode key (UTF-8, percent-encoded)'],
  ['long-1024', LONG_PREFIX + 'x'.repeat(1024 - LONG_PREFIX.length), 'a 1,024-byte key (the longest S3 allows)'],
  ['trailing-slash', 'check/folder/', 'a key ending in "/" (a folder marker, size 0)'],
];

/** One case per hard key (named key.<kind>). */
export const keyCases: CheckCase[] = KEYS.map(([name, key, what]) => ({
  name: `key.${name}`,
  should: `answer a record of ${what} with 2xx`,
  async run(ctx) {
    const change = { ...ctx.change('s3:ObjectCreated:Put', key), ...(key.endsWith('/') ? { size: 0 } : {}) };
    const events = ctx.events([change]);
    const summary = `s3:ObjectCreated:Put of "${shorten(key)}" (key in the record: "${shorten(keyInBody(events[0].body))}")`;
    return all2xx([await ctx.send(ctx.post(events, summary))], 'answered 2xx');
  },
}));
