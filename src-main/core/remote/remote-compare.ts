// What a remote holds after a write compared with what was asked, in words: hooks it kept that were removed, hooks
// it did not keep, and each field it stores differently. Rule names compare by kind (Ceph lower-cases them) and
// events as sets; everything else as written. Pure.
import { ruleKind } from '../notifications/types';
import type { RemoteDocument, RemoteHook } from './remote-document';

/**
 * The differences found; `leftover`: Ids the remote kept although not asked for, or holds more than once (Ceph keys
 * hooks by Id and topic, so a changed topic adds an entry); `missing`: asked Ids it does not hold.
 */
export interface Comparison { differences: string[]; leftover: string[]; missing: string[] }

const events = (h: RemoteHook) => [...new Set(h.events)].sort().join(', ') || '(none)';
const filter = (h: RemoteHook) => h.rules.map((r) => `${ruleKind(r.name) ?? r.name}=${r.value}`).sort().join(', ') || '(none)';
const parts = (h: RemoteHook) => h.kept.map((k) => k.text).sort().join('; ') || '(none)';
const element = (h: RemoteHook) => (h.dialect === 'vk' ? 'SimpleTopicConfiguration' : h.dialect === 'topic' ? 'TopicConfiguration' : h.dialect);

const FIELDS: [string, (h: RemoteHook) => string][] = [
  ['element', element], ['target', (h) => h.url], ['events', events], ['key filter', filter], ['other parts', parts],
];

/** Compare `asked` with `found` (hooks matched by Id). */
export function compareDocuments(asked: RemoteDocument, found: RemoteDocument): Comparison {
  const out: Comparison = { differences: [], leftover: [], missing: [] };
  const foundById = new Map(found.hooks.map((h) => [h.id, h]));
  const askedIds = new Set(asked.hooks.map((h) => h.id));
  const counts = new Map<string, number>();
  for (const h of found.hooks) counts.set(h.id, (counts.get(h.id) ?? 0) + 1);
  for (const [id, count] of counts) {
    if (count < 2 || !askedIds.has(id)) continue;
    out.leftover.push(id);
    out.differences.push(`hook ${id} is on the bucket ${count} times (the remote added the new version next to the old one)`);
  }
  for (const want of asked.hooks) {
    if ((counts.get(want.id) ?? 0) > 1) continue;
    const got = foundById.get(want.id);
    if (!got) {
      out.missing.push(want.id);
      out.differences.push(`hook ${want.id} (${element(want)}) is not on the bucket: the remote answered 200 and did not keep it`);
      continue;
    }
    for (const [name, value] of FIELDS) {
      if (value(want) !== value(got)) out.differences.push(`hook ${want.id}: ${name} asked ${value(want)}, the bucket has ${value(got)}`);
    }
  }
  for (const got of found.hooks) {
    if (askedIds.has(got.id)) continue;
    out.leftover.push(got.id);
    out.differences.push(`hook ${got.id} is still on the bucket although it was not in the document written`);
  }
  const keptText = (d: RemoteDocument) => d.kept.map((k) => k.text).sort().join('; ');
  if (keptText(asked) !== keptText(found)) {
    out.differences.push(`other elements: asked ${keptText(asked) || '(none)'}, the bucket has ${keptText(found) || '(none)'}`);
  }
  return out;
}
