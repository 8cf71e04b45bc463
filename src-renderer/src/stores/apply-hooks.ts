// "Apply these hooks to…": the buckets of any profile to choose a target from, the preview (hook-set diff and the
// XML) and the one PUT that applies it. Calls the API only.
import { defineStore } from 'pinia';
import { LOCAL_PROFILE, type BucketRef, type HookSetDiff, type HookView } from '../../../src-shared/contract';
import { useApi } from '../api/client';

const bucketRef = (profile: string, bucket: string): BucketRef => (profile === LOCAL_PROFILE ? { bucket } : { profile, bucket });

export const useApplyHooksStore = defineStore('applyHooks', () => {
  /** Bucket names of `profile` (the target picker). */
  const bucketsOf = async (profile: string): Promise<string[]> =>
    (await useApi()['buckets.list'](profile === LOCAL_PROFILE ? {} : { profile })).map((b) => b.name);

  /** What applying the source bucket's hooks to the target would change, and the XML it would send. */
  const preview = (source: [string, string], target: [string, string], keepOthers: boolean): Promise<HookSetDiff> =>
    useApi()['hooks.previewApply']({ source: bucketRef(...source), target: bucketRef(...target), keepOthers });

  /** Apply the previewed `xml` in one PUT; refused (PreviewOutdated) when the target changed since. */
  const apply = (source: [string, string], target: [string, string], keepOthers: boolean, xml: string): Promise<HookView[]> =>
    useApi()['hooks.apply']({ source: bucketRef(...source), target: bucketRef(...target), keepOthers, xml });

  return { bucketsOf, preview, apply };
});
