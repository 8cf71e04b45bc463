// A dialog's one action: busy while it runs, its readable error kept for the dialog to show in place.
import { ref } from 'vue';
import { errorMessage } from '../api/client';

/** `run(action)` sets `busy`, clears then fills `failure`, and resolves true when the action succeeded. */
export function useDialogAction() {
  const busy = ref(false);
  const failure = ref<string | null>(null);
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    busy.value = true;
    failure.value = null;
    try {
      await action();
      return true;
    } catch (err) {
      failure.value = errorMessage(err);
      return false;
    } finally {
      busy.value = false;
    }
  }
  return { busy, failure, run };
}
