// A session's tunnel: find cloudflared or ngrok, start it, wait for its first public URL, then report later URLs
// (a restarted quick tunnel) as changes. Without either program: AppError NoPublicUrl with the one-line hint.
import { AppError } from '../../kernel/app-error';
import { findTunnel, startTunnel, tunnelHint, type TunnelKind } from './tunnel';

/** How long a tunnel has to print its public URL. */
export const TUNNEL_URL_TIMEOUT_MS = 30_000;

/** A tunnel with its first URL. */
export interface StartedTunnel { kind: TunnelKind; url: string; stop(): void }

/** What happens after the first URL. */
export interface TunnelWatch { onChange(url: string): void; onExit(detail: string): void }

/**
 * Start a tunnel to 127.0.0.1:`port` and resolve with its first URL.
 * @throws AppError NoPublicUrl (no tunnel program; `hintPort` is the port the hint suggests), TunnelFailed
 */
export function firstTunnelUrl(path: string | undefined, port: number, watch: TunnelWatch, hintPort?: number): Promise<StartedTunnel> {
  const found = findTunnel(path);
  if (!found) return Promise.reject(new AppError('NoPublicUrl', tunnelHint(hintPort)));
  return new Promise((resolve, reject) => {
    let first: string | undefined;
    let lastExit = '';
    const tunnel = startTunnel(found.kind, found.file, port, {
      onUrl(url) {
        if (first === undefined) {
          first = url;
          clearTimeout(timer);
          resolve({ kind: found.kind, url, stop: tunnel.stop });
        } else watch.onChange(url);
      },
      onExit(detail) {
        lastExit = detail;
        if (first !== undefined) watch.onExit(detail);
      },
    });
    const timer = setTimeout(() => {
      tunnel.stop();
      reject(new AppError('TunnelFailed', `${found.file} printed no public URL within ${TUNNEL_URL_TIMEOUT_MS / 1000} s${lastExit ? ` (${lastExit})` : ''}; start a tunnel yourself and pass --public-url`));
    }, TUNNEL_URL_TIMEOUT_MS);
  });
}
