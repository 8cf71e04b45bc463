// STUB (to be replaced by the delivery owner): the delivery engine factory.
import type { Db } from '../db/open';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { CoreConfig } from '../config';

export interface DeliveryDeps { db: Db; clock: Clock; logger: Logger; version: string; config: CoreConfig }

export interface Delivery {
  start(): void;
  /** Look for due work soon (next tick). */
  wake(): void;
  /** Stop claiming, wait for in-flight attempts to finish. */
  stop(): Promise<void>;
}

export function createDelivery(_deps: DeliveryDeps): Delivery {
  return { start: () => {}, wake: () => {}, stop: async () => {} };
}
