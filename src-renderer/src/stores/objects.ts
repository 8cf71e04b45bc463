// The object browser of one bucket on the selected profile: folder prefix, prefix search, server-side pages (continuation tokens),
// selection-free data only. Calls the API only.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ObjectDetails, ObjectEntry } from '../../../src-shared/contract';
import { errorMessage, useApi } from '../api/client';
import { useProfilesStore } from './profiles';

/** Rows per page of the object list. */
export const PAGE_SIZE = 200;

export const useObjectsStore = defineStore('objects', () => {
  const bucket = ref('');
  const prefix = ref('');
  const search = ref('');
  const folders = ref<string[]>([]);
  const objects = ref<ObjectEntry[]>([]);
  /** Cursors of the pages seen so far: cursors[i] opens page i (page 0: undefined). */
  const cursors = ref<(string | undefined)[]>([undefined]);
  const page = ref(0);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const profiles = useProfilesStore();

  async function fetchPage(index: number): Promise<void> {
    loading.value = true;
    try {
      const out = await useApi()['objects.list'](profiles.scoped({
        bucket: bucket.value, prefix: prefix.value, search: search.value, cursor: cursors.value[index], limit: PAGE_SIZE,
      }));
      folders.value = out.folders;
      // A folder's own marker object ("a/b/" inside "a/b/") is the folder, not an entry of it.
      objects.value = out.objects.filter((o) => o.key !== prefix.value);
      nextCursor.value = out.nextCursor;
      page.value = index;
      if (out.nextCursor) cursors.value[index + 1] = out.nextCursor;
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  /** Show `folder` (a prefix ending in '/', or '') of `name`, from the first page. */
  async function open(name: string, folder = '', query = ''): Promise<void> {
    bucket.value = name;
    prefix.value = folder;
    search.value = query;
    cursors.value = [undefined];
    await fetchPage(0);
  }

  /** Search within the folder; a query with '/' opens the folder it names ("a/b/c" → folder "a/b/", search "c"). */
  function setSearch(query: string): Promise<void> {
    const cut = query.lastIndexOf('/') + 1;
    return open(bucket.value, prefix.value + query.slice(0, cut), query.slice(cut));
  }
  /** Create the folder `name` in the current folder and open it. */
  async function createFolder(name: string): Promise<void> {
    const folder = `${prefix.value}${name}/`;
    await useApi()['objects.createFolder'](profiles.scoped({ bucket: bucket.value, key: folder }));
    await open(bucket.value, folder);
  }
  const reload = () => fetchPage(page.value);
  const nextPage = () => (nextCursor.value ? fetchPage(page.value + 1) : Promise.resolve());
  const prevPage = () => (page.value > 0 ? fetchPage(page.value - 1) : Promise.resolve());

  /** Delete keys; returns the per-key errors (empty when all went). */
  async function remove(keys: string[]): Promise<{ key: string; message: string }[]> {
    const out = await useApi()['objects.delete'](profiles.scoped({ bucket: bucket.value, keys }));
    await reload();
    return out.errors;
  }

  const details = (key: string): Promise<ObjectDetails> => useApi()['objects.head'](profiles.scoped({ bucket: bucket.value, key }));
  const presign = (key: string, download = false, versionId?: string) =>
    useApi()['objects.presign'](profiles.scoped({ bucket: bucket.value, key, download, versionId }));

  return {
    bucket, prefix, search, folders, objects, page, nextCursor, loading, error,
    open, setSearch, createFolder, reload, nextPage, prevPage, remove, details, presign,
  };
});
