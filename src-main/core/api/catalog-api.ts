// The catalog.* method: the event catalog of every payload flavour (or one), built by payloads/ with delivery's own
// request builder, so each sample is exactly what a hook of that flavour is sent.
import { isFlavour, PAYLOAD_FLAVOURS, type AppApiMethods } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';
import type { Clock } from '../kernel/clock';
import type { Delivery } from '../delivery/create-delivery';
import { buildCatalog } from '../payloads/catalog';
import { asInput, optStr } from './validate';

/** The catalog method over `delivery`'s request builder. */
export function createCatalogApi(delivery: Delivery, ctx: { region: string; ownerId: string; clock: Clock }): Pick<AppApiMethods, 'catalog.list'> {
  return {
    async 'catalog.list'(raw) {
      const flavour = optStr(asInput(raw), 'flavour', 32);
      if (flavour !== undefined && !isFlavour(flavour)) throw new AppError('InvalidInput', `flavour: must be one of ${PAYLOAD_FLAVOURS.join(', ')}`);
      return buildCatalog({ region: ctx.region, ownerId: ctx.ownerId, now: ctx.clock.now() }, delivery.sampleRequest, flavour ? [flavour] : PAYLOAD_FLAVOURS);
    },
  };
}
