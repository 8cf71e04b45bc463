// @vitest-environment happy-dom
// Components in happy-dom over a fake main: the "Add hook" dialog (fields, inline validation, built-in inbox
// shortcut, the request it sends, the refusal shown in place) and the "Create bucket" dialog.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { NDialogProvider, NMessageProvider } from 'naive-ui';
import HookDialog from '../../src-renderer/src/components/HookDialog.vue';
import CreateBucketDialog from '../../src-renderer/src/components/CreateBucketDialog.vue';
import { useHooksStore } from '../../src-renderer/src/stores/hooks';
import { ApiCallError, fakeMain, hookViewOf } from './fake-transport';

let wrapper: VueWrapper | undefined;
beforeEach(() => { setActivePinia(createPinia()); });
afterEach(() => { wrapper?.unmount(); wrapper = undefined; document.body.innerHTML = ''; });

/** Mount `component` open, inside the providers the app gives it. */
async function mountOpen(component: object, props: Record<string, unknown> = {}) {
  const show = ref(false);
  const Host = defineComponent(() => () => h(NMessageProvider, null, {
    default: () => h(NDialogProvider, null, {
      default: () => h(component, { ...props, show: show.value, 'onUpdate:show': (v: boolean) => { show.value = v; } }),
    }),
  }));
  wrapper = mount(Host, { attachTo: document.body });
  show.value = true;
  await nextTick();
  await flushPromises();
  return show;
}
const input = (label: string) => document.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`);
async function type(label: string, value: string): Promise<void> {
  const el = input(label);
  if (!el) throw new Error(`no input ${label}`);
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await flushPromises();
}
function button(text: string): HTMLButtonElement {
  const found = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button ${text}`);
  return found;
}
async function click(text: string): Promise<void> {
  button(text).click();
  await flushPromises();
  await new Promise((r) => setTimeout(r, 10));
  await flushPromises();
}

describe('Add hook dialog', () => {
  it('has VK\'s fields, fills the built-in inbox URL and sends the hook', async () => {
    const main = fakeMain({
      'inbox.url': ({ name }: { name: string }) => ({ url: `http://127.0.0.1:9000/_inbox/${name}` }),
      'hooks.upsert': ({ bucket, hook }) => ({ hook: hookViewOf(bucket, hook), handshake: { status: 'confirmed', message: null } }),
      'hooks.list': () => [],
    });
    useHooksStore().bucket = 'photos';
    const show = await mountOpen(HookDialog, { editing: null });
    expect(document.querySelector('[role="dialog"]')?.getAttribute('aria-label')).toBe('Add hook');
    for (const label of ['ID', 'URL', 'Filter prefix', 'Filter suffix', 'Secret', 'Retry policy']) expect(input(label)).not.toBeNull();
    await type('ID', 'my-hook');
    await click('Use built-in inbox');
    expect(input('URL')?.value).toBe('http://127.0.0.1:9000/_inbox/photos');
    await type('Filter prefix', 'img/');
    await type('Retry policy', '1, 5');
    await click('Add hook');
    const call = main.calls.find((c) => c.method === 'hooks.upsert');
    expect(call?.input).toEqual({
      bucket: 'photos', replaceId: undefined,
      hook: { id: 'my-hook', events: ['s3:ObjectCreated:*'], url: 'http://127.0.0.1:9000/_inbox/photos', prefix: 'img/', suffix: '', secret: undefined, retrySchedule: [1000, 5000], realism: null,
        flavour: 'vk', auth: undefined },
    });
    expect(show.value).toBe(false);
  });

  it('blocks a bad URL inline and shows the handshake refusal in the dialog', async () => {
    const main = fakeMain({
      'hooks.upsert': () => { throw new ApiCallError('InvalidArgument', 'Unable to confirm the URL http://x/h: connection refused'); },
      'hooks.list': () => [],
    });
    useHooksStore().bucket = 'photos';
    const show = await mountOpen(HookDialog, { editing: null });
    await type('URL', 'ftp://nope');
    await click('Add hook');
    expect(document.body.textContent).toContain('An http:// or https:// URL');
    expect(main.calls.some((c) => c.method === 'hooks.upsert')).toBe(false);
    await type('URL', 'http://x/h');
    await click('Add hook');
    expect(document.body.textContent).toContain('Hook not saved');
    expect(document.body.textContent).toContain('Unable to confirm the URL http://x/h: connection refused');
    expect(show.value).toBe(true);
  });
});

describe('Create bucket dialog', () => {
  it('validates the name inline and creates a valid one', async () => {
    const main = fakeMain({ 'buckets.create': ({ name }: { name: string }) => ({ name, createdAt: null }), 'buckets.list': () => [] });
    const show = await mountOpen(CreateBucketDialog);
    await type('Bucket name', 'Bad_Name');
    await click('Create');
    expect(document.body.textContent).toContain('Use only lowercase letters, digits, dots and hyphens');
    expect(main.calls).toEqual([]);
    await type('Bucket name', 'good-name');
    await click('Create');
    expect(main.calls[0]).toEqual({ method: 'buckets.create', input: { name: 'good-name' } });
    expect(show.value).toBe(false);
  });
});
