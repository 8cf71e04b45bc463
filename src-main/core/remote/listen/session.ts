// One listen session: the relay on 127.0.0.1, a public URL (given, or a tunnel's), the merge-safe hook on the remote
// bucket, each event forwarded to the local receiver and logged; stop() removes only its own hook (from a fresh read,
// so hooks added meanwhile survive), stops the tunnel and closes the relay.
import { AppError } from '../../kernel/app-error';
import type { Clock } from '../../kernel/clock';
import type { ForwardedEvent } from '../../delivery/forwarded';
import { sendOnce } from '../../delivery/sender';
import { outcomeColumns } from '../../delivery/outcome';
import { handshakeSignature } from '../../notifications/handshake';
import type { Connection } from '../connection';
import { addRemoteHookMerged, removeRemoteHooksMerged, replaceRemoteHookMerged } from '../hook-merge';
import { requireRemoteHooks } from '../remote-notifications';
import { checkListenRequest, listenHook, newListenHookId, staleListenHooks } from './listen-hook';
import { startRelay, type RelayAnswer, type RelayHandlers, type RelayedEvent } from './relay-server';
import { firstTunnelUrl } from './tunnel-url';
import { explainOverlap } from './overlap-hint';
import { subscribeUrlAllowed } from './incoming';
import type { ListenForwarded, ListenNotice, ListenRequest, ListenSession, ListenStopped } from '../../../../src-shared/contract';

/** How long the local receiver has to answer a forwarded event. */
export const FORWARD_TIMEOUT_MS = 10_000;

/** What a session needs from the core. */
export interface SessionDeps {
  conn: Connection;
  clock: Clock;
  /** The PATH tunnels are looked for on. */
  path: string | undefined;
  /** Log a forwarded event (delivery.recordForwarded); returns its delivery id. */
  record(event: ForwardedEvent): { id: number };
  forwarded(event: ListenForwarded): void;
  notice(event: Omit<ListenNotice, 'sessionId' | 'at'>): void;
  /** VK's signature (tests break it on purpose). */
  sign?: RelayHandlers['sign'];
  /** Hook Ids of sessions running in this core: listen hooks, but not stale ones. */
  running?: readonly string[];
}

/** A started session. */
export interface Session { view(): ListenSession; stop(): Promise<ListenStopped> }

/** Start a session `id`; resolves once the hook is in place (and confirmed, where the remote confirms URLs). */
export async function startSession(id: string, request: ListenRequest, deps: SessionDeps): Promise<Session> {
  const r = checkListenRequest(request);
  const { conn, clock } = deps;
  const before = await requireRemoteHooks(conn, r.bucket);
  const stale = staleListenHooks(before).filter((hookId) => !deps.running?.includes(hookId));
  const cleaned = r.clean && stale.length ? await removeRemoteHooksMerged(conn, r.bucket, stale) : [];
  const hookId = newListenHookId();
  let publicUrl = r.publicUrl ?? '';
  let count = 0;

  const forward = async (e: RelayedEvent): Promise<RelayAnswer> => {
    const outcome = await sendOnce({ url: r.forwardTo, headers: e.headers, body: e.body, timeoutMs: FORWARD_TIMEOUT_MS }, clock);
    const delivery = deps.record({ profile: r.profile, bucket: r.bucket, hookId, key: e.key, eventName: e.eventName, body: e.body, url: r.forwardTo, headers: e.headers, outcome });
    const o = outcomeColumns(outcome);
    const answered = r.ackAlways ? 200 : o.status ?? 502;
    count += 1;
    deps.forwarded({ sessionId: id, deliveryId: delivery.id, at: o.startedAt, eventName: e.eventName, key: e.key, status: o.status, ok: o.ok, durationMs: o.durationMs, error: o.errorMessage, answered });
    const body = r.ackAlways || o.status === null ? (o.errorMessage ?? '') : o.body ?? '';
    return { status: answered, body, contentType: o.headers?.['content-type'] };
  };
  const relay = await startRelay(r.port, {
    publicUrl: () => publicUrl,
    sign: deps.sign ?? ((c, url) => handshakeSignature(c.Token, c.Timestamp, c.TopicArn, url)),
    subscribe: async (url) => {
      if (!subscribeUrlAllowed(url, conn.profile.endpoint)) throw new AppError('SubscribeUrlRefused', `${url} is neither an AWS SNS host nor ${r.profile}'s`);
      return (await fetch(url, { signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) })).status;
    },
    forward,
    notice: (n) => deps.notice(n),
  });

  const hookFor = (url: string) => listenHook(hookId, url, r);
  let tunnel: Awaited<ReturnType<typeof firstTunnelUrl>> | undefined;
  try {
    if (!publicUrl) {
      tunnel = await firstTunnelUrl(deps.path, relay.port, {
        onChange(url) {
          publicUrl = url;
          replaceRemoteHookMerged(conn, r.bucket, hookFor(url)).then(
            () => deps.notice({ kind: 'url-changed', ok: true, detail: `the tunnel's URL changed: hook ${hookId} now points at ${url}` }),
            (err: unknown) => deps.notice({ kind: 'error', ok: false, detail: `the tunnel's URL changed to ${url} but hook ${hookId} could not be updated: ${(err as Error).message}` }));
        },
        onExit: (detail) => deps.notice({ kind: 'tunnel', ok: false, detail }),
      }, r.port || undefined);
      publicUrl = tunnel.url;
    }
    await addRemoteHookMerged(conn, r.bucket, hookFor(publicUrl)).catch((err: unknown) => { throw explainOverlap(err, hookFor(publicUrl), before, stale); });
  } catch (err) {
    tunnel?.stop();
    await relay.close();
    throw err;
  }

  const startedAt = clock.now();
  let state: ListenSession['state'] = 'listening';
  const view = (): ListenSession => ({
    id, profile: r.profile, bucket: r.bucket, hookId, forwardTo: r.forwardTo, publicUrl, relayUrl: relay.url,
    tunnel: tunnel?.kind ?? null, dialect: r.dialect, events: r.events, ackAlways: r.ackAlways, startedAt, state,
    stale: stale.filter((s) => !cleaned.includes(s)), cleaned, forwarded: count,
  });
  let stopping: Promise<ListenStopped> | undefined;
  return {
    view,
    stop: () => (stopping ??= (async () => {
      let error: string | null = null;
      let removed = false;
      try {
        removed = (await removeRemoteHooksMerged(conn, r.bucket, [hookId])).length === 1;
      } catch (err) {
        error = err instanceof AppError ? err.message : String(err);
      }
      tunnel?.stop();
      await relay.close();
      state = 'stopped';
      return { session: view(), removed, error };
    })()),
  };
}
