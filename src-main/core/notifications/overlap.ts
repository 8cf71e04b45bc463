// Why a hook added or edited in the dialog clashes with another one of the bucket, in words that name the other
// hook and the ways out (another event, a prefix or a suffix). S3's own message for a PUT stays AWS's. Pure.
import { AppError } from '../kernel/app-error';
import { filterOf, type HookSpec } from './types';
import { overlapping } from './validate-config';

const quote = (v: string) => (v ? `"${v}"` : 'none');

/**
 * Refuse `spec` when it would fire for the same event and key as another hook of `others`.
 * @throws AppError HookOverlap naming the other hook, its event and filter, and what to change.
 */
export function checkNoOverlap(spec: HookSpec, others: readonly HookSpec[]): void {
  for (const other of others) {
    if (other.id === spec.id) continue;
    const event = overlapping(spec, other);
    if (!event) continue;
    const { prefix, suffix } = filterOf(other.rules);
    const way = prefix || suffix ? `another event, or a prefix or suffix that "${other.id}" does not cover`
      : `another event: "${other.id}" has no prefix or suffix, so it covers every key`;
    throw new AppError('HookOverlap', `Hook "${other.id}" already receives ${event.replace(/^s3:/, '')} events for the same keys `
      + `(its prefix: ${quote(prefix)}, suffix: ${quote(suffix)}). A bucket sends each event to one hook only, so choose ${way}.`);
  }
}
