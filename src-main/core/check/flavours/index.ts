// The flavours the receiver check speaks, by name: every payload flavour (src-shared's PAYLOAD_FLAVOURS), each with
// how its URL is confirmed, whether its service batches and how it signs. Bodies and signatures come from payloads/.
import { PAYLOAD_FLAVOURS, type PayloadFlavour } from '../../../../src-shared/contract';
import { hookSecretProblem } from '../../../../src-shared/rules';
import { AppError } from '../../kernel/app-error';
import { CATALOG_EVENTS } from '../../payloads/catalog';
import type { CheckFlavour } from '../flavour';
import { b2Secret, b2Signing } from './b2';
import { snsSigning } from './sns';
import { standardWebhooks } from './standard-webhooks';

type Traits = Pick<CheckFlavour, 'confirmation'> & Partial<Pick<CheckFlavour, 'batches' | 'secretScheme' | 'secretProblem' | 'signing'>>;

const TRAITS: Record<PayloadFlavour, Traits> = {
  vk: { confirmation: 'vk-handshake' },
  aws: { confirmation: 'none' },
  'aws-current': { confirmation: 'none' },
  sns: { confirmation: 'sns-subscribe', signing: snsSigning },
  eventbridge: { confirmation: 'none' },
  minio: { confirmation: 'none' },
  ceph: { confirmation: 'none' },
  b2: { confirmation: 'none', batches: true, secretScheme: 'B2 event notification', secretProblem: b2Secret, signing: b2Signing },
  cloudevents: { confirmation: 'none' },
};

/** Flavours the check can send, by name, in PAYLOAD_FLAVOURS order. */
export const CHECK_FLAVOURS: ReadonlyMap<string, CheckFlavour> = new Map(PAYLOAD_FLAVOURS.map((name) => [name, {
  name, events: CATALOG_EVENTS, batches: false, secretScheme: 'Standard Webhooks', secretProblem: hookSecretProblem, signing: standardWebhooks, ...TRAITS[name],
}]));

/** The flavour called `name`; an InvalidInput AppError listing the flavours when there is none. */
export function checkFlavour(name: string): CheckFlavour {
  const flavour = CHECK_FLAVOURS.get(name);
  if (flavour) return flavour;
  throw new AppError('InvalidInput', `unknown flavour "${name}" (available: ${[...CHECK_FLAVOURS.keys()].join(', ')})`);
}
