// The API's live events: fans the delivery engine's events, committed object changes, backfill progress and the
// API's own (hooks changed) out to subscribers (SSE streams, the Electron window) as contract events. Subscribes to
// its sources lazily.
import type { ApiEventMessage } from '../../../src-shared/contract';
import type { DeliveryEvent } from '../delivery/types';
import type { Delivery } from '../delivery/create-delivery';
import type { Notifications } from '../notifications/create-notifications';
import type { Backfill } from '../backfill/create-backfill';
import { toChangeView } from './explain-api';

/** Map one engine event to the contract's event. */
export function toApiEvent(event: DeliveryEvent): ApiEventMessage {
  switch (event.type) {
    case 'delivery.created':
    case 'delivery.finished':
    case 'delivery.retrying':
      return { name: 'deliveries.changed', payload: event.delivery };
    case 'delivery.attempted': {
      const { type: _type, ...payload } = event;
      return { name: 'deliveries.attempted', payload };
    }
    case 'replay.progress':
      return { name: 'deliveries.replayProgress', payload: event.progress };
  }
}

/** A fan-out of contract events; `emit` for the API's own, the engine's and the change feed's forwarded while anyone listens. */
export function createApiEvents(
  delivery: Pick<Delivery, 'subscribe'>, notifications: Pick<Notifications, 'subscribeChanges'>, backfill: Pick<Backfill, 'subscribe'>,
) {
  const listeners = new Set<(event: ApiEventMessage) => void>();
  let detach: (() => void) | undefined;
  const emit = (event: ApiEventMessage) => { for (const l of listeners) l(event); };
  return {
    emit,
    subscribe(listener: (event: ApiEventMessage) => void): () => void {
      listeners.add(listener);
      if (!detach) {
        const fromDelivery = delivery.subscribe((e) => emit(toApiEvent(e)));
        const fromChanges = notifications.subscribeChanges((c) => emit({ name: 'objects.changed', payload: toChangeView(c) }));
        const fromBackfill = backfill.subscribe((p) => emit({ name: 'hooks.backfillProgress', payload: p }));
        detach = () => { fromDelivery(); fromChanges(); fromBackfill(); };
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && detach) { detach(); detach = undefined; }
      };
    },
  };
}
