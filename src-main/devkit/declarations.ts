// What the package's index.d.ts declares: the programmatic API's signature and types without the implementation,
// so the declaration build never walks the core (start-bucket-hooks.ts is checked against the same signature).
import type { StartBucketHooks } from './types';

/**
 * Start a BucketHooks server in this process: S3 endpoint, webhooks, delivery engine and built-in inbox on
 * 127.0.0.1 and a free port. Call `close()` when done.
 * @example
 * const bh = await startBucketHooks();
 * await bh.addHook('photos', { id: 'created', events: ['s3:ObjectCreated:*'] });
 * await bh.s3Client().send(new PutObjectCommand({ Bucket: 'photos', Key: 'cat.jpg', Body: 'meow' }));
 * const { record } = await bh.waitForDelivery({ bucket: 'photos', key: 'cat.jpg' });
 * await bh.close();
 */
export declare const startBucketHooks: StartBucketHooks;
export type {
  AddHookInput, BucketHooks, DeliveredEvent, DeliveryMatch, S3EventRecord, StartBucketHooks, StartOptions,
} from './types';
export type { AppApi, AttemptEffect, DeliveryFilter, DeliveryRow, DeliveryStatus, RealismOptions } from '../../src-shared/contract';
