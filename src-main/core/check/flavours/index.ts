// The flavours the receiver check can speak, by name; the one place a new flavour is plugged in.
import { AppError } from '../../kernel/app-error';
import type { CheckFlavour } from '../flavour';
import { awsFlavour, vkFlavour } from './s3-records';

/** Flavours the check can send, by name. */
export const CHECK_FLAVOURS: ReadonlyMap<string, CheckFlavour> = new Map([vkFlavour, awsFlavour].map((f) => [f.name, f]));

/** Every flavour name BucketHooks knows (SPEC §8), whether or not the check speaks it yet. */
const KNOWN = ['vk', 'aws', 'aws-current', 'sns', 'eventbridge', 'minio', 'ceph', 'b2', 'cloudevents'];

/** The flavour called `name`; an AppError saying which ones exist when the check cannot speak it. */
export function checkFlavour(name: string): CheckFlavour {
  const flavour = CHECK_FLAVOURS.get(name);
  if (flavour) return flavour;
  const available = [...CHECK_FLAVOURS.keys()].join(', ');
  if (KNOWN.includes(name)) {
    throw new AppError('NotSupported', `the flavour "${name}" is not available to the receiver check in this build (available: ${available})`);
  }
  throw new AppError('InvalidInput', `unknown flavour "${name}" (available: ${available})`);
}
