// Renders hook specs back to the NotificationConfiguration document GET returns: each hook in the
// dialect it was written in, in document order, filter rule names as VK/AWS write them back.
import { DIALECT_ELEMENTS, ruleKind, type HookSpec } from './types';

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Escape text for XML element content. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

const el = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;

/** VK capitalises rule names (`Prefix`); AWS echoes them as written. */
function ruleName(spec: HookSpec, name: string): string {
  if (spec.dialect !== 'vk') return name;
  return ruleKind(name) === 'prefix' ? 'Prefix' : 'Suffix';
}

function renderHook(spec: HookSpec): string {
  const { element, target } = DIALECT_ELEMENTS[spec.dialect];
  const events = spec.events.map((e) => el('Event', e)).join('');
  const head = spec.dialect === 'vk'
    ? el('Id', spec.id) + events + el(target, spec.url)
    : el('Id', spec.id) + el(target, spec.url) + events;
  const rules = spec.rules
    .map((r) => `<FilterRule>${el('Name', ruleName(spec, r.name))}${el('Value', r.value)}</FilterRule>`)
    .join('');
  const filter = rules ? `<Filter><S3Key>${rules}</S3Key></Filter>` : '';
  return `<${element}>${head}${filter}</${element}>`;
}

/** The configuration document; no hooks renders the self-closed empty element. */
export function renderConfig(specs: readonly HookSpec[]): string {
  const decl = '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (specs.length === 0) return `${decl}<NotificationConfiguration xmlns="${XMLNS}"/>`;
  return `${decl}<NotificationConfiguration xmlns="${XMLNS}">${specs.map(renderHook).join('')}</NotificationConfiguration>`;
}
