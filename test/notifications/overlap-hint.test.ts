// The dialog's overlap hint (src-renderer/src/lib/overlap-hint.ts) agrees with the core's overlap check on a grid of
// hooks: it finds exactly the clashes the core refuses, and offers a filter change on either hook only where one works.
import { describe, expect, it } from 'vitest';
import { overlapping } from '../../src-main/core/notifications/validate-config';
import type { HookSpec } from '../../src-main/core/notifications/types';
import { overlapHint } from '../../src-renderer/src/lib/overlap-hint';

interface Hook { id: string; events: string[]; prefix: string; suffix: string }
const spec = (h: Hook): HookSpec => ({
  id: h.id, dialect: 'vk', url: 'http://127.0.0.1:1/h', events: h.events,
  rules: [...(h.prefix ? [{ name: 'prefix', value: h.prefix }] : []), ...(h.suffix ? [{ name: 'suffix', value: h.suffix }] : [])],
});
const clash = (a: Hook, b: Hook) => overlapping(spec(a), spec(b)) !== undefined;

const PREFIXES = ['', 'a/', 'a/b/', 'c/'];
const SUFFIXES = ['', '.jpg', 'x.jpg', '.png'];
const EVENTS = [['s3:ObjectCreated:*'], ['s3:ObjectCreated:Put'], ['s3:ObjectCreated:Copy', 's3:ObjectRemoved:Delete']];
const hooks = (id: string): Hook[] => PREFIXES.flatMap((prefix) => SUFFIXES.flatMap((suffix) => EVENTS.map((events) => ({ id, events, prefix, suffix }))));

describe('the overlap hint', () => {
  it('finds exactly the clashes the core refuses, and offers a filter change only where one can end the clash', () => {
    let clashes = 0;
    for (const other of hooks('other')) {
      for (const mine of hooks('mine')) {
        const hint = overlapHint(mine, [other], ['mine']);
        expect(hint !== null, `${JSON.stringify(mine)} vs ${JSON.stringify(other)}`).toBe(clash(mine, other));
        if (!hint) continue;
        clashes += 1;
        const mineCanStepOut = PREFIXES.some((prefix) => SUFFIXES.some((suffix) => !clash({ ...mine, prefix, suffix }, other)));
        const otherCanStepOut = PREFIXES.some((prefix) => SUFFIXES.some((suffix) => !clash(mine, { ...other, prefix, suffix })));
        expect(hint.narrowMine).toBe(mineCanStepOut);
        expect(hint.otherAdvice.includes('prefix or suffix that no longer covers')).toBe(otherCanStepOut);
        expect(hint.otherAdvice).toContain('"other"');
      }
    }
    expect(clashes).toBeGreaterThan(100);
  });
});
