// Globals the renderer sees: the preload bridge (Electron only).
import type { BucketHooksBridge } from '../../src-shared/contract';

declare global {
  interface Window { bucketHooks?: BucketHooksBridge }
}
export {};
