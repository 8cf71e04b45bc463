// The contract's method and event lists are complete by construction: a name in the contract but not in its
// list fails the type-check (the @ts-expect-error lines below are checked by `npm run typecheck`).
import { describe, expect, it } from 'vitest';
import {
  API_EVENT_SET, API_EVENTS, API_METHOD_SET, API_METHODS, isApiEvent, isApiMethod,
  type ApiEvents, type AppApiMethods, type Empty, type NameSet,
} from '../../src-shared/contract';

/** The contract as it would be after someone adds a method and an event. */
type GrownMethods = AppApiMethods & { 'buckets.rename': (input: { from: string; to: string }) => Promise<Empty> };
type GrownEvents = ApiEvents & { 'buckets.changed': { bucket: string } };

describe('contract lists', () => {
  it('the method list names exactly the contract methods', () => {
    const complete: NameSet<keyof AppApiMethods> = API_METHOD_SET;
    // @ts-expect-error 'buckets.rename' is in the contract but left out of the method list
    const grown: NameSet<keyof GrownMethods> = API_METHOD_SET;
    expect(grown).toBe(complete);
    expect(API_METHODS).toEqual(Object.keys(complete));
    expect(new Set(API_METHODS).size).toBe(API_METHODS.length);
  });

  it('the event list names exactly the contract events', () => {
    const complete: NameSet<keyof ApiEvents> = API_EVENT_SET;
    // @ts-expect-error 'buckets.changed' is in the contract but left out of the event list
    const grown: NameSet<keyof GrownEvents> = API_EVENT_SET;
    expect(grown).toBe(complete);
    expect(API_EVENTS).toEqual(Object.keys(complete));
  });

  it('a list may not name what the contract lacks', () => {
    // @ts-expect-error 'fs.readFile' is not a method of the contract
    const extra: NameSet<'server.status'> = { 'server.status': true, 'fs.readFile': true };
    expect(Object.keys(extra)).toHaveLength(2);
  });

  it.each([
    ['server.status', true], ['inbox.url', true], ['constructor', false], ['__proto__', false], ['hasOwnProperty', false], ['', false],
  ])('isApiMethod(%j) is %s', (name, expected) => {
    expect(isApiMethod(name)).toBe(expected);
  });

  it.each([['hooks.changed', true], ['toString', false], ['server.status', false]])('isApiEvent(%j) is %s', (name, expected) => {
    expect(isApiEvent(name)).toBe(expected);
  });
});
