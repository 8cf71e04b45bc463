// Listen sessions (a remote bucket's events relayed to a receiver on this computer): start, stop, and what each one
// forwarded (newest first, the last 50) and did (handshakes, tunnel URL changes), live from the `listen.*` events —
// the CLI's sessions too. Replaying a forwarded event goes through the delivery log. Calls the API only.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ListenForwarded, ListenNotice, ListenRequest, ListenSession } from '../../../src-shared/contract';
import { useApi } from '../api/client';

/** Forwarded events kept per session. */
const KEEP = 50;

export const useListenStore = defineStore('listen', () => {
  const sessions = ref<Record<string, ListenSession>>({});
  const forwarded = ref<Record<string, ListenForwarded[]>>({});
  const notices = ref<Record<string, ListenNotice[]>>({});
  let detach: (() => void) | undefined;

  const put = (s: ListenSession) => {
    if (s.state === 'stopped') {
      const { [s.id]: _gone, ...rest } = sessions.value;
      sessions.value = rest;
    } else sessions.value = { ...sessions.value, [s.id]: s };
  };

  /** Follow the live events (once, for the window's lifetime) and load the sessions running now. */
  async function follow(): Promise<void> {
    if (!detach) {
      const api = useApi();
      const offs = [
        api.on('listen.changed', put),
        api.on('listen.forwarded', (f) => { forwarded.value = { ...forwarded.value, [f.sessionId]: [f, ...(forwarded.value[f.sessionId] ?? [])].slice(0, KEEP) }; }),
        api.on('listen.notice', (n) => { notices.value = { ...notices.value, [n.sessionId]: [n, ...(notices.value[n.sessionId] ?? [])].slice(0, KEEP) }; }),
      ];
      detach = () => offs.forEach((off) => off());
    }
    for (const s of await useApi()['listen.list']({})) put(s);
  }

  /** Start a session; resolves once its hook is on the remote bucket. @throws the remote's or the relay's refusal */
  async function start(request: ListenRequest): Promise<ListenSession> {
    await follow();
    const session = await useApi()['listen.start'](request);
    put(session);
    return session;
  }

  /** Stop a session; its own hook is removed from the remote bucket. Returns the line saying so (or why not). */
  async function stop(id: string): Promise<string> {
    const stopped = await useApi()['listen.stop']({ id });
    put(stopped.session);
    const where = `${stopped.session.profile}/${stopped.session.bucket}`;
    return stopped.removed ? `Removed hook ${stopped.session.hookId} from ${where}` : `Hook ${stopped.session.hookId} could not be removed from ${where}: ${stopped.error}`;
  }

  /** Send a forwarded event again to its local receiver (a new attempt in the delivery log). */
  async function replay(deliveryId: number): Promise<void> {
    await useApi()['deliveries.replay']({ id: deliveryId });
  }

  /** The running sessions of `profile`/`bucket`. */
  const of = (profile: string, bucket: string) => Object.values(sessions.value).filter((s) => s.profile === profile && s.bucket === bucket);

  return { sessions, forwarded, notices, follow, start, stop, replay, of };
});
