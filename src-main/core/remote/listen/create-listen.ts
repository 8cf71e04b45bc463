// The listen service: the sessions running in this core (started from the CLI or the UI), each relaying one remote
// bucket's events to a local receiver; their live events fanned out; all stopped (hooks removed) when the core closes.
import { randomBytes } from 'node:crypto';
import { AppError } from '../../kernel/app-error';
import type { Clock } from '../../kernel/clock';
import type { ForwardedEvent } from '../../delivery/forwarded';
import type { Remotes } from '../create-remotes';
import { toRemoteAppError } from '../remote-error';
import { startSession, type Session, type SessionDeps } from './session';
import type { ListenForwarded, ListenNotice, ListenRequest, ListenSession, ListenStopped } from '../../../../src-shared/contract';

/** A live event of the listen service. */
export type ListenEvent =
  | { name: 'listen.forwarded'; payload: ListenForwarded }
  | { name: 'listen.notice'; payload: ListenNotice }
  | { name: 'listen.changed'; payload: ListenSession };

export interface ListenDeps {
  remotes: Pick<Remotes, 'connection'>;
  clock: Clock;
  /** Log a forwarded event (delivery.recordForwarded). */
  record(event: ForwardedEvent): { id: number };
  /** The PATH tunnels are looked for on (default: this process's). */
  path?: string;
  /** VK's signature (tests break it on purpose). */
  sign?: SessionDeps['sign'];
}

/** Build the service. */
export function createListen(deps: ListenDeps) {
  const sessions = new Map<string, Session>();
  /** Leased sessions (the CLI's): the cancel of the timer that stops each one unless renewed. */
  const leases = new Map<string, { ms: number; cancel: () => void }>();
  const listeners = new Set<(event: ListenEvent) => void>();
  const emit = (event: ListenEvent) => { for (const l of listeners) l(event); };
  const path = deps.path ?? process.env.PATH;

  const stop = async (id: string): Promise<ListenStopped> => {
    const session = sessions.get(id);
    if (!session) throw new AppError('NoSuchSession', `No listen session ${id} (it may have stopped already)`);
    leases.get(id)?.cancel();
    leases.delete(id);
    const stopped = await session.stop();
    sessions.delete(id);
    emit({ name: 'listen.changed', payload: stopped.session });
    return stopped;
  };

  const lease = (id: string, ms: number) => {
    leases.get(id)?.cancel();
    const cancel = deps.clock.setTimer(() => {
      leases.delete(id);
      emit({ name: 'listen.notice', payload: { sessionId: id, at: deps.clock.now(), kind: 'error', ok: false, detail: `no renewal within ${ms} ms (the listen command is gone): stopping and removing the hook` } });
      stop(id).catch(() => undefined);
    }, ms);
    leases.set(id, { ms, cancel });
  };

  return {
    /** Start relaying; resolves once the hook is on the remote bucket. */
    async start(request: ListenRequest): Promise<ListenSession> {
      const id = randomBytes(6).toString('hex');
      const conn = deps.remotes.connection(request.profile);
      let session: Session;
      try {
        session = await startSession(id, request, {
          conn, clock: deps.clock, path, record: deps.record, sign: deps.sign,
          running: [...sessions.values()].map((s) => s.view().hookId),
          forwarded: (payload) => emit({ name: 'listen.forwarded', payload }),
          notice: (n) => {
            emit({ name: 'listen.notice', payload: { ...n, sessionId: id, at: deps.clock.now() } });
            const current = sessions.get(id);
            if (current && n.kind === 'url-changed') emit({ name: 'listen.changed', payload: current.view() });
          },
        });
      } catch (err) {
        throw toRemoteAppError(err, new URL(conn.profile.endpoint).host);
      }
      sessions.set(id, session);
      if (request.leaseMs) lease(id, request.leaseMs);
      const view = session.view();
      emit({ name: 'listen.changed', payload: view });
      return view;
    },
    stop,
    /** Keep a leased session running for another lease. @throws AppError NoSuchSession */
    renew(id: string): void {
      const held = leases.get(id);
      if (!sessions.has(id)) throw new AppError('NoSuchSession', `No listen session ${id} (it may have stopped already)`);
      if (held) lease(id, held.ms);
    },
    /** The sessions running now. */
    list: (): ListenSession[] => [...sessions.values()].map((s) => s.view()),
    /** Receive every live event; returns the unsubscribe function. */
    subscribe(listener: (event: ListenEvent) => void): () => void {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    /** Stop every session (the core is closing). */
    async stopAll(): Promise<ListenStopped[]> {
      return Promise.all([...sessions.keys()].map(stop));
    },
  };
}

export type Listen = ReturnType<typeof createListen>;
