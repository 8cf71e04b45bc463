// Browser-side helpers: save text as a file, open a download URL, copy to the clipboard, PUT with progress.

/** Offer `text` as a file download named `name`. */
export function saveText(name: string, text: string, type = 'application/xml'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  openUrl(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Follow `url` as a download (an anchor click, so the page stays; another origin, e.g. a remote profile, opens apart). */
export function openUrl(url: string, download = ''): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = download;
  a.rel = 'noopener';
  if (new URL(url, location.href).origin !== location.origin) a.target = '_blank';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** True when this page talks to main over HTTP with a session cookie (a browser tab, not the desktop window). */
export function isBrowserTab(): boolean {
  return !window.bucketHooks;
}

/** Reopen the app at `uiUrl` (a new token, exchanged for a new session cookie), keeping the current screen. */
export function reopenAt(uiUrl: string): void {
  window.location.replace(`${uiUrl}${window.location.hash}`);
}

/** Copy `text`; resolves false when the clipboard is not available. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** PUT `body` to a presigned `url`, reporting uploaded bytes; resolves the response ETag. */
export function putWithProgress(url: string, body: Blob, onProgress: (loaded: number) => void, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve((xhr.getResponseHeader('ETag') ?? '').replace(/"/g, ''));
      else reject(new Error(s3Message(xhr.responseText) ?? `Upload failed with status ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error('Upload failed: network error'));
    xhr.onabort = () => reject(new Error('Upload cancelled'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}

function s3Message(xml: string): string | undefined {
  const m = /<Message>([^<]*)<\/Message>/.exec(xml);
  return m?.[1];
}
