// Renders a remote document back to the XML PUT sends: each hook in its dialect with its read-only parts in the
// places they were read from, and the filter rule names a topic-based remote (Ceph) accepts. Pure.
import { escapeXml } from '../notifications/render-config';
import { DIALECT_ELEMENTS, ruleKind } from '../notifications/types';
import type { KeptPart, RemoteDocument, RemoteHook } from './remote-document';

/** How rule names are written: VK capitalises; `lower` is what Ceph requires (`Prefix` is MalformedXML there). */
export interface RenderStyle { lowerRuleNames: boolean }

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const el = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;
const kept = (parts: readonly KeptPart[], place: KeptPart['place']) => parts.filter((p) => p.place === place).map((p) => p.xml).join('');

function ruleName(hook: RemoteHook, name: string, style: RenderStyle): string {
  const kind = ruleKind(name) ?? name;
  if (hook.dialect === 'vk') return kind === 'prefix' ? 'Prefix' : 'Suffix';
  return style.lowerRuleNames ? kind : name;
}

function renderHook(hook: RemoteHook, style: RenderStyle): string {
  const { element, target } = DIALECT_ELEMENTS[hook.dialect];
  const events = hook.events.map((e) => el('Event', e)).join('');
  const head = hook.dialect === 'vk' ? el('Id', hook.id) + events + el(target, hook.url) : el('Id', hook.id) + el(target, hook.url) + events;
  const rules = hook.rules.map((r) => `<FilterRule>${el('Name', ruleName(hook, r.name, style))}${el('Value', r.value)}</FilterRule>`).join('');
  const key = rules + kept(hook.kept, 'key');
  const filterBody = (key ? `<S3Key>${key}</S3Key>` : '') + kept(hook.kept, 'filter');
  const filter = filterBody ? `<Filter>${filterBody}</Filter>` : '';
  return `<${element}>${head}${filter}${kept(hook.kept, 'hook')}</${element}>`;
}

/** The document for a PUT; no hooks and no parts renders the empty configuration. */
export function renderRemoteDocument(doc: RemoteDocument, style: RenderStyle): string {
  const body = doc.hooks.map((h) => renderHook(h, style)).join('') + kept(doc.kept, 'document');
  const decl = '<?xml version="1.0" encoding="UTF-8"?>\n';
  return body ? `${decl}<NotificationConfiguration xmlns="${XMLNS}">${body}</NotificationConfiguration>` : `${decl}<NotificationConfiguration xmlns="${XMLNS}"/>`;
}
