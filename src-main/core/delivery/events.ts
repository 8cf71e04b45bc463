// The live-event hub of the delivery engine: listeners subscribe, the engine emits; a throwing
// listener is logged and never breaks delivery.
import type { Logger } from '../kernel/logger';
import type { DeliveryEvent, DeliveryListener } from './types';

/** A tiny synchronous event hub. */
export function createEventHub(logger: Logger) {
  const listeners = new Set<DeliveryListener>();
  return {
    /** Subscribe; returns the unsubscribe function. */
    on(listener: DeliveryListener): () => void {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    emit(event: DeliveryEvent): void {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (err) {
          logger.warn('delivery listener failed', { error: String(err) });
        }
      }
    },
    /** True when someone listens (the engine skips building events otherwise). */
    active: () => listeners.size > 0,
  };
}

export type EventHub = ReturnType<typeof createEventHub>;
