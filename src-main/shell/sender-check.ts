// Who may call the app API over IPC: only the main frame of our own window, showing our own origin.
// Pure (no electron import): the window id and origin are passed in.
import type { InvokeEventLike } from './ipc-api';
import { originOf } from './navigation-policy';

export interface SenderCheckOptions {
  /** webContents id of the main window, or undefined while there is none. */
  mainWebContentsId: () => number | undefined;
  /** The app's origin (`app://bucket-hooks`, or the dev server's in `npm run dev`). */
  appOrigin: string;
}

/** Build the predicate the IPC dispatcher uses to refuse every other sender. */
export function createSenderCheck(options: SenderCheckOptions): (event: InvokeEventLike) => boolean {
  return (event) => {
    const id = options.mainWebContentsId();
    const frame = event.senderFrame;
    if (id === undefined || event.sender.id !== id || !frame) return false;
    if (frame.parent !== null) return false;
    return originOf(frame.url) === options.appOrigin;
  };
}
