// The Webhooks tab of one bucket on the selected profile: hooks, add/edit with the handshake outcome (or the remote's
// refusal, kept by the hook), delete, pause/resume, test event, export/import XML, the built-in inbox URL shortcut,
// the live "Last delivery", and a remote service's "no bucket notifications" state. Calls the API only.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DeliveryRow, HandshakeOutcome, HookInput, HookView, TestAnswer } from '../../../src-shared/contract';
import { ApiCallError, errorMessage, useApi } from '../api/client';
import { useProfilesStore } from './profiles';

export const useHooksStore = defineStore('hooks', () => {
  const bucket = ref('');
  const hooks = ref<HookView[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Why the remote service has no bucket notifications (the tab's unsupported state), else null. */
  const unsupported = ref<string | null>(null);
  /** A remote's refusal of the last edit of a hook, by hook Id (shown next to it until the next load). */
  const refusals = ref<Record<string, string>>({});
  const profiles = useProfilesStore();
  const on = <T extends object>(input: T) => profiles.scoped({ bucket: bucket.value, ...input });

  async function load(name = bucket.value): Promise<void> {
    if (name !== bucket.value) refusals.value = {};
    bucket.value = name;
    loading.value = true;
    try {
      hooks.value = await useApi()['hooks.list'](on({}));
      error.value = null;
      unsupported.value = null;
    } catch (err) {
      const isUnsupported = err instanceof ApiCallError && err.code === 'NotificationsUnsupported';
      hooks.value = [];
      unsupported.value = isUnsupported ? err.message : null;
      error.value = isUnsupported ? null : errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  /** Add (or edit `replaceId`); resolves the handshake outcome, throws with the refusal (strict mode). */
  async function save(hook: HookInput, replaceId?: string): Promise<HandshakeOutcome> {
    try {
      const out = await useApi()['hooks.upsert'](on({ hook, replaceId }));
      const { [replaceId ?? hook.id]: _gone, ...rest } = refusals.value;
      refusals.value = rest;
      await load();
      return out.handshake;
    } catch (err) {
      if (profiles.isRemote && replaceId) refusals.value = { ...refusals.value, [replaceId]: errorMessage(err) };
      throw err;
    }
  }

  async function remove(ids: string[]): Promise<void> {
    await useApi()['hooks.delete'](on({ ids }));
    await load();
  }

  async function setPaused(id: string, paused: boolean): Promise<void> {
    await useApi()['hooks.setState'](on({ id, state: paused ? 'paused' as const : 'active' as const }));
    await load();
  }

  /** Send a test event: logged as a delivery on this computer; from here to a remote hook, with its answer. */
  const sendTest = async (id: string): Promise<TestAnswer | undefined> => (await useApi()['hooks.sendTest'](on({ id }))).answer;
  /** The configuration file: XML plus retry policies, and secrets with `includeSecrets`. */
  const exportXml = async (includeSecrets = false) => (await useApi()['hooks.exportXml'](on({ includeSecrets }))).xml;
  /** What importing `xml` would change; throws the file's problem (malformed, invalid) readably. */
  const previewImport = (xml: string) => useApi()['hooks.previewImport'](on({ xml }));

  async function importXml(xml: string): Promise<void> {
    await useApi()['hooks.importXml'](on({ xml }));
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
    bucket, hooks, loading, error, unsupported, refusals, load, save, remove, setPaused, sendTest, exportXml, previewImport, importXml,
    applyDelivery, inboxUrl,
  };
});
