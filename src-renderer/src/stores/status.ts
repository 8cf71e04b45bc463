// Server status and app settings (endpoint, keys, data folder, confirm mode, retry defaults). Calls the API only.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppSettings, ServerStatus } from '../../../src-shared/contract';
import { ApiCallError, errorMessage, useApi } from '../api/client';

export const useStatusStore = defineStore('status', () => {
  const status = ref<ServerStatus | null>(null);
  const settings = ref<AppSettings | null>(null);
  const error = ref<string | null>(null);
  /** The API refused this page's token (a stale URL): the app shows how to get the current one. */
  const unauthorized = ref(false);

  async function load(): Promise<void> {
    try {
      const api = useApi();
      [status.value, settings.value] = await Promise.all([api['server.status']({}), api['settings.get']({})]);
      error.value = null;
      unauthorized.value = false;
    } catch (err) {
      error.value = errorMessage(err);
      unauthorized.value = err instanceof ApiCallError && err.code === 'Unauthorized';
    }
  }

  /** Save a settings change; throws with the server's message when refused. */
  async function update(change: Partial<AppSettings>): Promise<void> {
    settings.value = await useApi()['settings.update'](change);
    if (status.value) status.value = { ...status.value, confirmMode: settings.value.confirmMode };
  }

  /** Retire the UI/API token for a fresh one; resolves the new browser UI URL (null where none is served). */
  async function rotateToken(): Promise<string | null> {
    const { uiUrl } = await useApi()['server.rotateToken']({});
    if (status.value) status.value = { ...status.value, uiUrl };
    return uiUrl;
  }

  /** The ready-to-paste awscli line for this endpoint. */
  function awsSnippet(): string {
    const s = status.value;
    if (!s) return '';
    return `AWS_ACCESS_KEY_ID=${s.accessKey} AWS_SECRET_ACCESS_KEY=${s.secretKey} AWS_DEFAULT_REGION=${s.region} aws --endpoint-url ${s.endpoint} s3 ls`;
  }

  return { status, settings, error, unauthorized, load, update, rotateToken, awsSnippet };
});
