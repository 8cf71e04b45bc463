// @vitest-environment happy-dom
// Stores on connection profiles over a fake main: the selected profile scopes bucket/object/hook calls (and
// survives a reload), falls back to "This computer" when its profile is gone; the hooks store's unsupported state and
// a remote's refusal kept by the hook; "Apply these hooks to…" names both ends of the copy.
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { HookView, ProfileView } from '../../src-shared/contract';
import { useProfilesStore } from '../../src-renderer/src/stores/profiles';
import { useBucketsStore } from '../../src-renderer/src/stores/buckets';
import { useHooksStore } from '../../src-renderer/src/stores/hooks';
import { useApplyHooksStore } from '../../src-renderer/src/stores/apply-hooks';
import { ApiCallError, fakeMain, hookViewOf } from './fake-transport';

const profile = (name: string, builtIn = false): ProfileView => ({
  name, endpoint: 'https://hb.ru-msk.vkcloud-storage.ru', region: 'ru-msk', accessKey: 'AK', pathStyle: false, verifyTls: true,
  builtIn, hasSecret: true,
});
const profiles = [profile('local', true), profile('vk')];

beforeEach(() => {
  setActivePinia(createPinia());
  localStorage.clear();
});

describe('profiles store', () => {
  it('adds the selected remote profile to bucket calls and leaves "This computer" calls as they were', async () => {
    const main = fakeMain({ 'profiles.list': () => profiles, 'buckets.list': () => [] });
    const store = useProfilesStore();
    await store.load();
    await useBucketsStore().load();
    store.select('vk');
    await useBucketsStore().load();
    expect(main.calls.filter((c) => c.method === 'buckets.list').map((c) => c.input)).toEqual([{}, { profile: 'vk' }]);
    setActivePinia(createPinia());
    expect(useProfilesStore().current).toBe('vk');
  });

  it('falls back to "This computer" when the remembered profile is gone', async () => {
    localStorage.setItem('buckethooks.profile', 'removed');
    fakeMain({ 'profiles.list': () => profiles });
    const store = useProfilesStore();
    await store.load();
    expect([store.current, store.isRemote]).toEqual(['local', false]);
  });
});

describe('hooks store on a remote profile', () => {
  it('turns NotificationsUnsupported into the unsupported state, other errors into an error', async () => {
    let code = 'NotificationsUnsupported';
    fakeMain({ 'hooks.list': () => { throw new ApiCallError(code, `${code}: why`); } });
    const store = useHooksStore();
    await store.load('box');
    expect([store.unsupported, store.error]).toEqual(['NotificationsUnsupported: why', null]);
    code = 'AccessDenied';
    await store.load('box');
    expect([store.unsupported, store.error]).toEqual([null, 'AccessDenied: why']);
  });

  it('keeps the remote refusal of an edit by its hook until the edit succeeds', async () => {
    let refuse = true;
    const hooks: HookView[] = [hookViewOf('b', { id: 'h', events: ['s3:ObjectCreated:*'], url: 'http://x' })];
    fakeMain({
      'profiles.list': () => profiles, 'hooks.list': () => hooks,
      'hooks.upsert': () => {
        if (refuse) throw new ApiCallError('InvalidArgument', 'InvalidArgument: Unable to confirm the URL');
        return { hook: hooks[0], handshake: { status: 'remote', message: 'accepted' } };
      },
    });
    useProfilesStore().select('vk');
    const store = useHooksStore();
    await store.load('b');
    const edit = { id: 'h', events: ['s3:ObjectCreated:*'], url: 'http://y' };
    await expect(store.save(edit, 'h')).rejects.toThrow('Unable to confirm');
    expect(store.refusals).toEqual({ h: 'InvalidArgument: Unable to confirm the URL' });
    refuse = false;
    expect(await store.save(edit, 'h')).toEqual({ status: 'remote', message: 'accepted' });
    expect(store.refusals).toEqual({});
  });
});

describe('apply-hooks store', () => {
  it('sends the source and target with their profiles, this computer without one', async () => {
    const main = fakeMain({ 'hooks.previewApply': () => ({ added: [], changed: [], removed: [], unchanged: [], xml: '' }) });
    await useApplyHooksStore().preview(['local', 'design'], ['vk', 'photos'], true);
    expect(main.calls[0].input).toEqual({ source: { bucket: 'design' }, target: { profile: 'vk', bucket: 'photos' }, keepOthers: true });
  });
});
