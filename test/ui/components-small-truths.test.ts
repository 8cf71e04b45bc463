// @vitest-environment happy-dom
// Issue 29's smaller fixes in the components, over a fake main: the overlap refusal names the other hook and offers
// only the changes that end the clash; the strict-mode refusal switches to record and saves the same draft; inbox
// captures list their events and keys; the receiver starter for the built-in inbox URL listens on another port.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { NDialogProvider, NMessageProvider } from 'naive-ui';
import type { HookInput, ServerStatus } from '../../src-shared/contract';
import HookDialog from '../../src-renderer/src/components/HookDialog.vue';
import InboxCaptures from '../../src-renderer/src/components/InboxCaptures.vue';
import { useHooksStore } from '../../src-renderer/src/stores/hooks';
import { useStatusStore } from '../../src-renderer/src/stores/status';
import { ApiCallError, fakeMain, hookViewOf } from './fake-transport';

let wrapper: VueWrapper | undefined;
beforeEach(() => { setActivePinia(createPinia()); });
afterEach(() => { wrapper?.unmount(); wrapper = undefined; document.body.innerHTML = ''; });

async function mountDialog(): Promise<{ value: boolean }> {
  const show = ref(false);
  const Host = defineComponent(() => () => h(NMessageProvider, null, {
    default: () => h(NDialogProvider, null, {
      default: () => h(HookDialog, { editing: null, show: show.value, 'onUpdate:show': (v: boolean) => { show.value = v; } }),
    }),
  }));
  wrapper = mount(Host, { attachTo: document.body });
  show.value = true;
  await nextTick();
  await flushPromises();
  return show;
}
async function type(label: string, value: string): Promise<void> {
  const el = document.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`);
  if (!el) throw new Error(`no input ${label}`);
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await flushPromises();
}
const buttons = () => [...document.querySelectorAll('button')].map((b) => b.textContent?.trim() ?? '');
async function click(text: string): Promise<void> {
  const found = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button ${text} among ${buttons().join(' | ')}`);
  found.click();
  await flushPromises();
  await new Promise((r) => setTimeout(r, 10));
  await flushPromises();
}
const hook = (id: string, prefix = '', suffix = ''): HookInput => ({ id, events: ['s3:ObjectCreated:*'], url: 'http://127.0.0.1:1/h', prefix, suffix });
const overlapRefusal = () => { throw new ApiCallError('HookOverlap', 'Hook "images" already receives ObjectCreated:* events for the same keys'); };

describe('the overlap refusal', () => {
  it('names the other hook and offers this hook\'s prefix and suffix when the other has a filter', async () => {
    fakeMain({ 'hooks.list': () => [hookViewOf('photos', hook('images', 'images/'))], 'hooks.upsert': overlapRefusal });
    await useHooksStore().load('photos');
    await mountDialog();
    await type('ID', 'second');
    await type('URL', 'http://127.0.0.1:1/h');
    await type('Filter prefix', 'images/2024/');
    await click('Add hook');
    const group = document.querySelector('[aria-label="Ways out of the overlap"]');
    expect(buttons()).toEqual(expect.arrayContaining(['Choose events other than ObjectCreated', 'Change this hook\'s prefix', 'Change this hook\'s suffix']));
    expect(group?.textContent).toContain('Or edit hook "images" in the hooks list (other events, or a prefix or suffix');
  });

  it('offers no prefix or suffix of this hook when the other covers every key', async () => {
    fakeMain({ 'hooks.list': () => [hookViewOf('photos', hook('images'))], 'hooks.upsert': overlapRefusal });
    await useHooksStore().load('photos');
    await mountDialog();
    await type('ID', 'second');
    await type('URL', 'http://127.0.0.1:1/h');
    await click('Add hook');
    expect(buttons()).toContain('Choose events other than ObjectCreated');
    expect(buttons().filter((b) => /prefix|suffix/i.test(b))).toEqual([]);
    expect(document.body.textContent).toContain('Or edit hook "images"\'s events in the hooks list, or delete it');
  });
});

describe('the strict-mode refusal', () => {
  it('switches the confirmation mode to record and saves the same draft', async () => {
    let mode = 'strict';
    const main = fakeMain({
      'hooks.list': () => [],
      'hooks.upsert': ({ bucket, hook: input }) => {
        if (mode === 'strict') throw new ApiCallError('HandshakeFailed', 'The URL did not answer the handshake');
        return { hook: hookViewOf(bucket, input), handshake: { status: 'unconfirmed', message: 'no handshake answer' } };
      },
      'settings.update': (change) => { mode = change.confirmMode ?? mode; return { confirmMode: mode as 'record', retrySchedule: [1000] }; },
    });
    useHooksStore().bucket = 'photos';
    await mountDialog();
    await type('ID', 'kept');
    await type('URL', 'http://127.0.0.1:1/nothing');
    await type('Filter suffix', '.csv');
    await click('Add hook');
    expect(document.body.textContent).toContain('since the confirmation mode is "strict"');
    await click('Switch to record mode and save');
    expect(main.calls.filter((c) => c.method === 'settings.update').map((c) => c.input)).toEqual([{ confirmMode: 'record' }]);
    const saves = main.calls.filter((c) => c.method === 'hooks.upsert').map((c) => (c.input as { hook: HookInput }).hook);
    expect(saves).toHaveLength(2);
    expect(saves[1]).toEqual(saves[0]);
    expect(saves[1]).toMatchObject({ id: 'kept', url: 'http://127.0.0.1:1/nothing', suffix: '.csv' });
    expect(document.body.textContent).toContain('Saved, but the URL is not confirmed');
    expect(useStatusStore().settings?.confirmMode).toBe('record');
  });
});

describe('the receiver starter in the dialog', () => {
  it('listens on another port for the built-in inbox URL, says so, and offers that URL', async () => {
    fakeMain({ 'hooks.list': () => [], 'inbox.url': ({ name }) => ({ url: `http://127.0.0.1:9000/_inbox/${name}` }) });
    useHooksStore().bucket = 'photos';
    useStatusStore().status = { port: 9000, endpoint: 'http://127.0.0.1:9000', uiUrl: 'http://127.0.0.1:9001/?token=t' } as ServerStatus;
    await mountDialog();
    await click('Use built-in inbox');
    [...document.querySelectorAll<HTMLElement>('.n-collapse-item__header-main')].find((e) => e.textContent?.includes('Receiver starter code'))?.click();
    await flushPromises();
    const note = document.querySelector('[aria-label="Receiver port"]');
    expect(note?.textContent).toContain('The URL above is BucketHooks\' own (port 9000');
    expect(note?.textContent).toContain('http://127.0.0.1:8080/webhook');
    expect(document.querySelector('[aria-label="Node receiver code"]')?.textContent).toContain('"http://127.0.0.1:8080/webhook"');
    await click('Use this URL for the hook');
    expect(document.querySelector<HTMLInputElement>('input[aria-label="URL"]')?.value).toBe('http://127.0.0.1:8080/webhook');
    expect(document.querySelector('[aria-label="Receiver port"]')).toBeNull();
  });
});

describe('inbox captures', () => {
  it('show each capture\'s events and keys in its title and table', async () => {
    const record = (eventName: string, key: string) => ({ eventName, s3: { object: { key } } });
    const captures = [
      { id: 2, receivedAt: 0, method: 'POST', headers: {}, body: JSON.stringify({ Records: [record('s3:ObjectCreated:Put', 'a+b%2Bc.txt'), record('s3:ObjectRemoved:Delete', 'old.txt')] }) },
      { id: 1, receivedAt: 0, method: 'POST', headers: {}, body: 'plain text' },
    ];
    wrapper = mount(InboxCaptures, { props: { captures, name: 'photos' }, attachTo: document.body });
    await flushPromises();
    const text = document.body.textContent ?? '';
    expect(text).toContain('s3:ObjectCreated:Put a b+c.txt (+1 more)');
    const rows = [...document.querySelectorAll('[aria-label="Events of capture 2"] tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([['s3:ObjectCreated:Put', 'a b+c.txt'], ['s3:ObjectRemoved:Delete', 'old.txt']]);
    expect(document.querySelector('[aria-label="Events of capture 1"]')).toBeNull();
  });
});
