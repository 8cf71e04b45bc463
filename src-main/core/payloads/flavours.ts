// The registry of payload flavours: each name to its shape. The one place notifications/ (what is stored), delivery/
// (what is posted) and the catalog look a flavour up.
import type { PayloadFlavour } from '../../../src-shared/contract';
import type { FlavourShape } from './shape';
import { awsRecord, recordsFlavour, vkRecord } from './s3-records';

const SHAPES: Record<PayloadFlavour, FlavourShape> = {
  vk: recordsFlavour(vkRecord),
  aws: recordsFlavour((change, ctx) => awsRecord(change, ctx)),
};

/** The shape of `flavour`. */
export function flavourShape(flavour: PayloadFlavour): FlavourShape {
  return SHAPES[flavour];
}
