// The live-event hub of the delivery engine: listeners subscribe (to every event or to some types), the engine
// emits; a throwing listener is logged and never breaks delivery.
import type { Logger } from '../kernel/logger';
import type { DeliveryEvent, DeliveryEventType, DeliveryListener } from './types';

/** A tiny synchronous event hub. */
export function createEventHub(logger: Logger) {
  /** Each listener with the event types it wants (undefined: every type). */
  const listeners = new Map<DeliveryListener, ReadonlySet<DeliveryEventType> | undefined>();
  return {
    /** Subscribe to every event, or only to those of `types`; returns the unsubscribe function. */
    on(listener: DeliveryListener, types?: readonly DeliveryEventType[]): () => void {
      listeners.set(listener, types && new Set(types));
      return () => { listeners.delete(listener); };
    },
    emit(event: DeliveryEvent): void {
      for (const [listener, wanted] of listeners) {
        if (wanted && !wanted.has(event.type)) continue;
        try {
          listener(event);
        } catch (err) {
          logger.warn('delivery listener failed', { error: String(err) });
        }
      }
    },
    /** True when someone listens (to events of `type`, when given): the engine skips building events otherwise. */
    active(type?: DeliveryEventType): boolean {
      if (!type) return listeners.size > 0;
      for (const wanted of listeners.values()) if (!wanted || wanted.has(type)) return true;
      return false;
    },
  };
}

export type EventHub = ReturnType<typeof createEventHub>;
