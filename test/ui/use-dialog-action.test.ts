// A dialog's action: busy while it runs, true on success, the readable error kept in place on failure and cleared
// when the action is tried again.
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../src-renderer/src/api/client';
import { useDialogAction } from '../../src-renderer/src/lib/use-dialog-action';

describe('useDialogAction', () => {
  it('is busy while the action runs and resolves true when it succeeds', async () => {
    const { busy, failure, run } = useDialogAction();
    let busyInside = false;
    expect(await run(async () => { busyInside = busy.value; })).toBe(true);
    expect([busyInside, busy.value, failure.value]).toEqual([true, false, null]);
  });

  it("keeps a refusal's message for the dialog, and clears it on the next try", async () => {
    const { busy, failure, run } = useDialogAction();
    expect(await run(() => Promise.reject(new ApiCallError('BucketAlreadyExists', 'The requested bucket name is not available')))).toBe(false);
    expect([busy.value, failure.value]).toEqual([false, 'The requested bucket name is not available']);
    let failureInside: string | null = 'unset';
    expect(await run(async () => { failureInside = failure.value; })).toBe(true);
    expect([failureInside, failure.value]).toEqual([null, null]);
  });
});
