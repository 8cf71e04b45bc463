// Runs a UI action and reports its outcome as a toast: the success text when given, the readable error otherwise.
import { useMessage } from 'naive-ui';
import { errorMessage } from '../api/client';

/** A runner for button actions; call inside a component's setup (needs naive-ui's message provider). */
export function useRunWithMessages() {
  const message = useMessage();
  return async (what: () => Promise<unknown>, done?: string): Promise<void> => {
    try {
      await what();
      if (done) message.success(done);
    } catch (err) {
      message.error(errorMessage(err), { duration: 8000 });
    }
  };
}
