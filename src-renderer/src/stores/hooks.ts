// The Webhooks tab of one bucket: hooks, add/edit with the handshake outcome, delete, pause/resume,
// test event, export/import XML, the built-in inbox URL shortcut, and the live "Last delivery". Calls the API only.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DeliveryRow, HandshakeOutcome, HookInput, HookView } from '../../../src-preload/contract';
import { errorMessage, useApi } from '../api/client';

export const useHooksStore = defineStore('hooks', () => {
  const bucket = ref('');
  const hooks = ref<HookView[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load(name = bucket.value): Promise<void> {
    bucket.value = name;
    loading.value = true;
    try {
      hooks.value = await useApi()['hooks.list']({ bucket: name });
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  /** Add (or edit `replaceId`); resolves the handshake outcome, throws with the refusal (strict mode). */
  async function save(hook: HookInput, replaceId?: string): Promise<HandshakeOutcome> {
    const out = await useApi()['hooks.upsert']({ bucket: bucket.value, hook, replaceId });
    await load();
    return out.handshake;
  }

  async function remove(ids: string[]): Promise<void> {
    await useApi()['hooks.delete']({ bucket: bucket.value, ids });
    await load();
  }

  async function setPaused(id: string, paused: boolean): Promise<void> {
    await useApi()['hooks.setState']({ bucket: bucket.value, id, state: paused ? 'paused' : 'active' });
    await load();
  }

  const sendTest = (id: string) => useApi()['hooks.sendTest']({ bucket: bucket.value, id });
  /** The configuration file: XML plus retry policies, and secrets with `includeSecrets`. */
  const exportXml = async (includeSecrets = false) => (await useApi()['hooks.exportXml']({ bucket: bucket.value, includeSecrets })).xml;
  /** What importing `xml` would change; throws the file's problem (malformed, invalid) readably. */
  const previewImport = (xml: string) => useApi()['hooks.previewImport']({ bucket: bucket.value, xml });

  async function importXml(xml: string): Promise<void> {
    await useApi()['hooks.importXml']({ bucket: bucket.value, xml });
    await load();
  }

  /** A live `deliveries.changed` row: it becomes its hook's "Last delivery" unless an older one. */
  function applyDelivery(row: DeliveryRow): void {
    if (row.bucket !== bucket.value) return;
    const hook = hooks.value.find((h) => h.id === row.hookId);
    if (!hook || (hook.lastDelivery && hook.lastDelivery.at > row.updatedAt)) return;
    const lastDelivery = { status: row.status, httpStatus: row.lastStatus, at: row.updatedAt };
    hooks.value = hooks.value.map((h) => (h === hook ? { ...h, lastDelivery } : h));
  }

  /** The built-in inbox URL for this bucket's hooks. */
  const inboxUrl = async (name = bucket.value) => (await useApi()['inbox.url']({ name })).url;

  return {
    bucket, hooks, loading, error, load, save, remove, setPaused, sendTest, exportXml, previewImport, importXml, applyDelivery, inboxUrl,
  };
});
