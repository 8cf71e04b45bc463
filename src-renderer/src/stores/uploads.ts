// Uploads from the renderer (to the selected profile's service): asks main for a plan (one presigned PUT or presigned part URLs), then PUTs the
// bytes itself with progress; completes or aborts multipart uploads. Calls the API only.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { errorMessage, useApi } from '../api/client';
import { useProfilesStore } from './profiles';
import { putWithProgress } from '../lib/browser';

export interface UploadItem { id: number; key: string; size: number; loaded: number; state: 'running' | 'done' | 'failed'; error: string | null }

export const useUploadsStore = defineStore('uploads', () => {
  const items = ref<UploadItem[]>([]);
  let seq = 0;

  const profiles = useProfilesStore();

  async function send(bucket: string, key: string, file: Blob, item: UploadItem): Promise<void> {
    const api = useApi();
    const plan = await api['objects.createUpload'](profiles.scoped({ bucket, key, size: file.size, contentType: file.type || undefined }));
    if (plan.mode === 'single') {
      await putWithProgress(plan.url, file, (n) => { item.loaded = n; });
      return;
    }
    const done: number[] = new Array(plan.partUrls.length).fill(0);
    try {
      const parts = [];
      for (let i = 0; i < plan.partUrls.length; i++) {
        const chunk = file.slice(i * plan.partSize, (i + 1) * plan.partSize);
        const etag = await putWithProgress(plan.partUrls[i], chunk, (n) => {
          done[i] = n;
          item.loaded = done.reduce((a, b) => a + b, 0);
        });
        parts.push({ partNumber: i + 1, etag });
      }
      await api['objects.completeUpload'](profiles.scoped({ bucket, key, uploadId: plan.uploadId, parts }));
    } catch (err) {
      await api['objects.abortUpload'](profiles.scoped({ bucket, key, uploadId: plan.uploadId })).catch(() => undefined);
      throw err;
    }
  }

  /** Upload `files` into `prefix` of `bucket`, one after another; resolves when all finished. */
  async function upload(bucket: string, prefix: string, files: { name: string; blob: Blob }[]): Promise<void> {
    for (const f of files) {
      items.value.unshift({ id: ++seq, key: prefix + f.name, size: f.blob.size, loaded: 0, state: 'running', error: null });
      const live = items.value[0];
      try {
        await send(bucket, live.key, f.blob, live);
        live.loaded = live.size;
        live.state = 'done';
      } catch (err) {
        live.state = 'failed';
        live.error = errorMessage(err);
      }
    }
  }

  const clearFinished = () => { items.value = items.value.filter((i) => i.state === 'running'); };

  return { items, upload, clearFinished };
});
