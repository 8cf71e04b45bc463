// Applies a validated configuration to a bucket: confirms new, changed or still unconfirmed URLs
// (all in parallel) according to the confirm mode, then replaces the stored hooks in one transaction.
import type { Clock } from '../kernel/clock';
import type { ConfirmMode } from '../kernel/config';
import type { Logger } from '../kernel/logger';
import { confirmUrl, type ConfirmResult } from './confirm-url';
import { ConfigError } from './errors';
import type { Confirmation, HookExtras, HooksRepo } from './hooks-repo';
import { DIALECT_ELEMENTS, type Hook, type HookSpec } from './types';

/** What applying a configuration needs from the service. */
export interface ApplyContext {
  repo: HooksRepo; clock: Clock; logger: Logger;
  confirmMode: ConfirmMode; ownerId: string; confirmTimeoutMs: number;
}

/** How a PUT or edit asks to be applied. */
export interface ApplyOptions {
  /** `x-amz-skip-destination-validation: true`: AWS-dialect hooks get no s3:TestEvent. */
  skipDestinationValidation?: boolean;
  /** New Id → old Id for a hook edited under a new Id (it keeps its extras). */
  renamed?: ReadonlyMap<string, string>;
  /** Extras to set with the configuration, by Id (an imported file's retry policies, secrets, …). */
  extras?: ReadonlyMap<string, HookExtras>;
}

/** What a successful PUT or edit did. */
export interface ApplyResult { hooks: Hook[]; confirmations: ConfirmResult[] }

/** A strict-mode refusal carrying every confirmation outcome for the UI. */
export class ConfirmationError extends ConfigError {
  constructor(message: string, extra: Record<string, string>, public readonly confirmations: ConfirmResult[]) {
    super('InvalidArgument', message, extra);
  }
}

function needsConfirmation(spec: HookSpec, prev: Hook | undefined, options: ApplyOptions): boolean {
  // compat: the skip header only skips AWS-dialect hooks' test event; VK hooks are always handshaken (as VK does).
  if (spec.dialect !== 'vk' && options.skipDestinationValidation) return false;
  return !prev || prev.url !== spec.url || !prev.confirmed;
}

/**
 * Confirm and store `specs` as the bucket's whole configuration.
 * @throws ConfirmationError in strict mode when any confirmation fails (nothing is saved).
 */
export async function applyConfig(ctx: ApplyContext, bucket: string, specs: readonly HookSpec[], options: ApplyOptions = {}): Promise<ApplyResult> {
  const previous = new Map(ctx.repo.list(bucket).map((h) => [h.id, h]));
  const renamed = options.renamed ?? new Map<string, string>();
  const pending = ctx.confirmMode === 'off' ? [] : specs.filter((s) => needsConfirmation(s, previous.get(renamed.get(s.id) ?? s.id), options));
  const results = await Promise.all(pending.map((spec) => confirmUrl(
    { url: spec.url, kind: spec.dialect === 'vk' ? 'vk' : 'aws', bucket, event: spec.events[0], hookId: spec.id },
    { ownerId: ctx.ownerId, clock: ctx.clock, timeoutMs: ctx.confirmTimeoutMs },
  )));
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0 && ctx.confirmMode === 'strict') {
    const first = specs.find((s) => s.id === failed[0].hookId);
    const name = first ? DIALECT_ELEMENTS[first.dialect].target : 'Url';
    throw new ConfirmationError(failed.map((r) => r.error).join('; '), { ArgumentName: name, ArgumentValue: failed[0].url }, results);
  }
  for (const r of failed) ctx.logger.warn('hook saved unconfirmed', { bucket, hook: r.hookId, url: r.url, cause: r.cause });
  const confirmations = new Map<string, Confirmation>(
    results.map((r) => [r.hookId ?? '', { confirmed: r.ok, error: r.ok ? null : r.error ?? r.cause ?? 'failed' }]),
  );
  ctx.repo.replace(bucket, specs, confirmations, ctx.clock.now(), renamed, options.extras);
  return { hooks: ctx.repo.list(bucket), confirmations: results };
}
