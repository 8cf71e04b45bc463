// checkReceiver(): the receiver check battery for an app's own tests (vitest, jest), the same run as `buckethooks
// check` without a server or a child process.
import { runCheck } from '../core/check';
import type { CheckReceiverFn } from './types';

/** Run the battery against `url` (see CheckReceiverFn in types.ts). */
export const checkReceiver: CheckReceiverFn = (url, options = {}) => runCheck(url, options);
