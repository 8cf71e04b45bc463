// inbox.* of the app API: the built-in receivers (list, what they captured, make one fail, its URL, what they
// keep against their limits, delete one).
import type { AppApiMethods } from '../../../src-shared/contract';
import { asClause, inboxNameProblem } from '../../../src-shared/rules';
import { AppError } from '../kernel/app-error';
import type { Inbox } from '../inbox/create-inbox';
import { asInput, optInt, str } from './validate';

type InboxMethods = Pick<AppApiMethods,
  'inbox.list' | 'inbox.captures' | 'inbox.setFailure' | 'inbox.url' | 'inbox.usage' | 'inbox.delete'>;


function inboxName(raw: unknown): string {
  const name = str(asInput(raw), 'name', 64);
  const problem = inboxNameProblem(name);
  if (problem) throw new AppError('InvalidInput', `name: ${asClause(problem)}`);
  return name;
}

/** The inbox.* methods; receiver URLs live under `endpoint`/_inbox/. */
export function createInboxApi(inbox: Inbox, endpoint: string): InboxMethods {
  const urlOf = (name: string) => `${endpoint}/_inbox/${name}`;
  return {
    async 'inbox.list'() {
      return inbox.list().map((i) => ({ name: i.name, url: urlOf(i.name), count: i.count, failStatus: i.failStatus, delayMs: i.delayMs }));
    },
    async 'inbox.captures'(raw) {
      return inbox.captures(inboxName(raw), optInt(asInput(raw), 'limit', 1, 500) ?? 50)
        .map((c) => ({ id: c.id, receivedAt: c.receivedAt, method: c.method, headers: c.headers, body: c.body }));
    },
    async 'inbox.setFailure'(raw) {
      const input = asInput(raw);
      const status = input.status === null ? null : optInt(input, 'status', 100, 599) ?? null;
      inbox.setFailure(inboxName(raw), status, optInt(input, 'delayMs', 0, 120_000) ?? 0);
      return {};
    },
    async 'inbox.url'(raw) {
      return { url: urlOf(inboxName(raw)) };
    },
    async 'inbox.usage'() {
      const { inboxes, maxInboxes, bytes, maxBytes } = inbox.usage();
      return { inboxes, maxInboxes, bytes, maxBytes };
    },
    async 'inbox.delete'(raw) {
      return { deleted: inbox.remove(inboxName(raw)) };
    },
  };
}
