// Connection profiles: "This computer" and the saved remotes, the one selected for the bucket browser and the
// Webhooks tab (kept across reloads), add/edit/remove and "Test connection". Calls the API only; never sees secrets.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import {
  LOCAL_PROFILE, type ConnectionOutcome, type OnProfile, type ProfileInput, type ProfileView,
} from '../../../src-shared/contract';
import { errorMessage, useApi } from '../api/client';

const STORAGE_KEY = 'buckethooks.profile';

function remembered(): string {
  try { return localStorage.getItem(STORAGE_KEY) ?? LOCAL_PROFILE; } catch { return LOCAL_PROFILE; }
}

/** How a profile is named in the UI. */
export const profileLabel = (name: string): string => (name === LOCAL_PROFILE ? 'This computer' : name);

export const useProfilesStore = defineStore('profiles', () => {
  const profiles = ref<ProfileView[]>([]);
  const current = ref(remembered());
  const error = ref<string | null>(null);
  const isRemote = computed(() => current.value !== LOCAL_PROFILE);
  const currentView = computed(() => profiles.value.find((p) => p.name === current.value));

  function select(name: string): void {
    current.value = name;
    try { localStorage.setItem(STORAGE_KEY, name); } catch { /* private mode: the choice lasts this session */ }
  }

  async function load(): Promise<void> {
    try {
      profiles.value = await useApi()['profiles.list']({});
      error.value = null;
      if (!profiles.value.some((p) => p.name === current.value)) select(LOCAL_PROFILE);
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  /** `input` on the selected profile: a remote adds `profile`, "This computer" leaves the input as it is. */
  function scoped<T extends object>(input: T): T & OnProfile {
    return isRemote.value ? { ...input, profile: current.value } : input;
  }

  /** Save a profile (secret omitted on edit keeps the saved one); throws with the readable reason. */
  async function save(input: ProfileInput): Promise<ProfileView> {
    const view = await useApi()['profiles.save'](input);
    if (input.originalName && input.originalName === current.value) select(view.name);
    await load();
    return view;
  }

  async function remove(name: string): Promise<void> {
    await useApi()['profiles.remove']({ name });
    if (current.value === name) select(LOCAL_PROFILE);
    await load();
  }

  /** Test a saved profile by name, or the form's values before saving. */
  const test = (target: { name: string } | { profile: ProfileInput }): Promise<ConnectionOutcome> => useApi()['profiles.test'](target);

  return { profiles, current, error, isRemote, currentView, select, load, scoped, save, remove, test };
});
