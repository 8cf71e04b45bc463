// Where the main window may go: nowhere but its own origin. Links to the web open in the OS browser.
// Pure (no electron import) so tests can check the policy with plain strings.

/** What to do with a navigation or window.open request. */
export type NavigationDecision = 'allow' | 'download' | 'open-external' | 'deny';

/** The origin of `url`, or undefined when it does not parse. Custom schemes give `scheme://host`. */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

/**
 * In-window navigation: allowed only within the app's origin (reloads, dev-server HMR). A link to the local
 * S3 endpoint (a presigned download) is downloaded instead of navigated to; other web links go outside.
 */
export function decideNavigation(url: string, appOrigin: string, s3Endpoint?: string): NavigationDecision {
  return originOf(url) === appOrigin ? 'allow' : decideWindowOpen(url, s3Endpoint);
}

/** window.open / target=_blank: never a new Electron window; S3 links download, http(s) go to the OS browser. */
export function decideWindowOpen(url: string, s3Endpoint?: string): NavigationDecision {
  if (s3Endpoint && originOf(url) === originOf(s3Endpoint)) return 'download';
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? 'open-external' : 'deny';
  } catch {
    return 'deny';
  }
}
