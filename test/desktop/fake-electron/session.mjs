// The fake default session: the header rewriter and permission handler the shell installs are kept so the
// driver can run them (`headers`, `permission` requests) and see what a real session would do.
import { record, onRequest, strict } from './control.mjs';

const hooks = { onHeadersReceived: undefined, permissionRequest: undefined, permissionCheck: undefined };

const defaultSession = strict('session', {
  webRequest: strict('webRequest', {
    onHeadersReceived(listener) { record('session.webRequest.onHeadersReceived'); hooks.onHeadersReceived = listener; },
  }),
  setPermissionRequestHandler(handler) { record('session.setPermissionRequestHandler'); hooks.permissionRequest = handler; },
  setPermissionCheckHandler(handler) { record('session.setPermissionCheckHandler'); hooks.permissionCheck = handler; },
});

export const session = strict('session', { defaultSession });

onRequest('headers', (url, responseHeaders) => new Promise((resolve, reject) => {
  if (!hooks.onHeadersReceived) return reject(new Error('no onHeadersReceived listener'));
  hooks.onHeadersReceived({ url, responseHeaders }, (response) => resolve(response.responseHeaders ?? responseHeaders));
}));

onRequest('permission', (permission) => new Promise((resolve, reject) => {
  if (!hooks.permissionRequest) return reject(new Error('no permission request handler'));
  hooks.permissionRequest({}, permission, (granted) => resolve(granted), { requestingUrl: 'app://bucket-hooks/' });
}));
