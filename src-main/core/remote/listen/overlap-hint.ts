// When the remote refuses the listen hook as overlapping another (S3 sends each event to one configuration only, so
// "Configuration is ambiguously defined"), say which hook it clashes with and which flags choose other events or keys,
// or that --clean removes it when it is a stale listen hook.
import { AppError } from '../../kernel/app-error';
import { checkNoOverlap } from '../../notifications/overlap';
import type { HookSpec } from '../../notifications/types';

/** `err` with the clashing hook named when it is the remote's overlap refusal (`stale`: Ids of stale listen hooks). */
export function explainOverlap(err: unknown, hook: HookSpec, others: readonly HookSpec[], stale: readonly string[]): unknown {
  const message = err instanceof Error ? err.message : String(err);
  if (!/overlapping|ambiguously defined/i.test(message)) return err;
  try {
    checkNoOverlap(hook, others);
  } catch (clash) {
    const left = stale.find((id) => (clash as Error).message.includes(`"${id}"`));
    const way = left ? `${left} is a stale listen hook (left by a listen that could not clean up): --clean removes it.`
      : 'For listen: --events, --prefix or --suffix.';
    return new AppError('HookOverlap', `${message} — ${(clash as Error).message} ${way}`);
  }
  return err;
}
