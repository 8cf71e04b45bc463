// listen: a remote bucket's events relayed to a receiver on this computer — the request, a running session, what it
// forwarded and what else it did (handshakes, a tunnel's new URL, failures), and its methods.
import type { Empty } from './common';

/** What `listen` is asked to do (the CLI's flags, the UI's dialog). */
export interface ListenRequest {
  profile: string;
  bucket: string;
  /** The local receiver events are forwarded to. */
  forwardTo: string;
  /** The URL the remote calls; absent: start a tunnel (cloudflared or ngrok on the PATH). */
  publicUrl?: string;
  /** The relay's port on 127.0.0.1; absent or 0: a free one. */
  port?: number;
  /** Events of the hook (default: every created and removed event). */
  events?: string[];
  prefix?: string;
  suffix?: string;
  /** The hook's dialect on the remote: VK's SimpleTopicConfiguration (default) or AWS's TopicConfiguration. */
  dialect?: 'vk' | 'aws';
  /** Answer the remote 200 whatever the local receiver answered. */
  ackAlways?: boolean;
  /** Remove stale `buckethooks-listen-*` hooks left on the bucket by a listen that could not clean up. */
  clean?: boolean;
  /**
   * Stop the session (hook removed) unless `listen.renew` is called within this many ms: the CLI holds a lease, so a
   * killed `listen` does not leave a relay running in the server. Absent: runs until stopped (the UI's sessions).
   */
  leaseMs?: number;
}

/** A listen session as the CLI and the UI show it. */
export interface ListenSession {
  id: string;
  profile: string;
  bucket: string;
  hookId: string;
  forwardTo: string;
  publicUrl: string;
  /** The relay's own address (what a tunnel points at). */
  relayUrl: string;
  tunnel: 'cloudflared' | 'ngrok' | null;
  dialect: 'vk' | 'aws';
  events: string[];
  ackAlways: boolean;
  startedAt: number;
  state: 'listening' | 'stopped';
  /** Stale `buckethooks-listen-*` hooks found on the bucket (left there when `clean` is off). */
  stale: string[];
  /** Stale hooks removed at start (`clean`). */
  cleaned: string[];
  /** Events forwarded so far. */
  forwarded: number;
}

/** One event forwarded to the local receiver, with its answer. */
export interface ListenForwarded {
  sessionId: string;
  /** Its entry in the delivery log (replayable to the local receiver). */
  deliveryId: number;
  at: number;
  eventName: string;
  key: string;
  /** The local receiver's HTTP status; null when it could not be reached. */
  status: number | null;
  ok: boolean;
  durationMs: number;
  error: string | null;
  /** What the remote was answered. */
  answered: number;
}

/** Something a session did besides forwarding: a handshake answered, the tunnel's URL changed, a failure. */
export interface ListenNotice {
  sessionId: string;
  at: number;
  kind: 'vk-handshake' | 'sns-subscribe' | 'test-event' | 'refused' | 'url-changed' | 'tunnel' | 'error';
  ok: boolean;
  detail: string;
}

/** Stopping a session: whether its hook was removed from the remote (and why not). */
export interface ListenStopped { session: ListenSession; removed: boolean; error: string | null }

export interface ListenMethods {
  /** Relay a remote bucket's events to a local receiver: resolves once the listen hook is on the remote bucket. */
  'listen.start': (input: ListenRequest) => Promise<ListenSession>;
  /** Stop a session: its own hook is removed from a fresh read of the remote's configuration. */
  'listen.stop': (input: { id: string }) => Promise<ListenStopped>;
  /** Keep a leased session (ListenRequest.leaseMs) running for another lease. */
  'listen.renew': (input: { id: string }) => Promise<Empty>;
  'listen.list': (input: Empty) => Promise<ListenSession[]>;
}
