// The registry of payload flavours: each name to its shape. The one place notifications/ (what is stored), delivery/
// (what is posted) and the catalog look a flavour up.
import type { PayloadFlavour } from '../../../src-shared/contract';
import type { FlavourShape } from './shape';
import { awsRecord, recordsFlavour, vkRecord } from './s3-records';
import { awsCurrent, cloudEvents, eventBridge, sns } from './aws-flavours';
import { b2, ceph, minio } from './other-services';

const SHAPES: Record<PayloadFlavour, FlavourShape> = {
  vk: recordsFlavour(vkRecord),
  aws: recordsFlavour((change, ctx) => awsRecord(change, ctx)),
  'aws-current': awsCurrent,
  sns,
  eventbridge: eventBridge,
  minio,
  ceph,
  b2,
  cloudevents: cloudEvents,
};

/** How many events one POST of `flavour` may carry when realism batches `batchSize`. */
export function batchLimit(flavour: PayloadFlavour, batchSize: number | undefined): number {
  return SHAPES[flavour].combine ? batchSize ?? 1 : 1;
}

/** The shape of `flavour`. */
export function flavourShape(flavour: PayloadFlavour): FlavourShape {
  return SHAPES[flavour];
}
