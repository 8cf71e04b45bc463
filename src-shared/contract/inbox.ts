// The contract of the built-in inbox: inboxes, their captures, failure switches and limits.

import type { Empty } from './common';

export interface InboxSummary { name: string; url: string; count: number; failStatus: number | null; delayMs: number }
export interface InboxCapture { id: number; receivedAt: number; method: string; headers: Record<string, string>; body: string }
export interface InboxFailureInput { name: string; status: number | null; delayMs?: number }
/** What the inboxes keep against their limits (past `maxBytes` the oldest captures are evicted). */
export interface InboxUsage { inboxes: number; maxInboxes: number; bytes: number; maxBytes: number }

/** The inbox methods of the app API. */
export interface InboxMethods {
  'inbox.list': (input: Empty) => Promise<InboxSummary[]>;
  'inbox.captures': (input: { name: string; limit?: number }) => Promise<InboxCapture[]>;
  'inbox.setFailure': (input: InboxFailureInput) => Promise<Empty>;
  'inbox.url': (input: { name: string }) => Promise<{ url: string }>;
  'inbox.usage': (input: Empty) => Promise<InboxUsage>;
  /** Forget an inbox and everything it captured. */
  'inbox.delete': (input: { name: string }) => Promise<{ deleted: boolean }>;
}
