// A remote bucket's ?notification document read leniently: the hooks BucketHooks can edit, and every element it
// cannot (Ceph's S3Metadata/S3Tags filters, regex rules, unknown elements) kept verbatim as read-only parts, so that
// one such part never hides the whole configuration and is written back unchanged. Pure: no I/O.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { AppError } from '../kernel/app-error';
import { DIALECT_ELEMENTS, ELEMENT_DIALECT, ruleKind, type Dialect, type HookSpec } from '../notifications/types';
import { configurationChildren } from '../notifications/parse-config';

/** A part BucketHooks does not edit: where it sits, its XML as read, and a one-line text for people. */
export interface KeptPart { place: 'document' | 'hook' | 'filter' | 'key'; xml: string; text: string }

/** A hook as the remote holds it; `url` is the target as written (a URL or a topic ARN). */
export interface RemoteHook extends HookSpec { kept: KeptPart[] }

/** The whole document: hooks in document order and the top-level elements that are not hooks. */
export interface RemoteDocument { hooks: RemoteHook[]; kept: KeptPart[] }

type Node = Record<string, Node[] | string | Record<string, string>>;

const options = { preserveOrder: true, ignoreAttributes: false, parseTagValue: false, processEntities: true } as const;
const parser = new XMLParser({ ...options, trimValues: true, ignoreDeclaration: true, ignorePiTags: true });
const builder = new XMLBuilder(options);

const malformed = (why: string) => new AppError('MalformedXML', `The remote's notification configuration is not readable: ${why}`);

/** The element children of a node as [name, children, node] triples (text, comments and attributes skipped). */
function elements(children: Node[]): [string, Node[], Node][] {
  const out: [string, Node[], Node][] = [];
  for (const child of children) {
    for (const [name, value] of Object.entries(child)) {
      if (name === '#text' || name === ':@' || !Array.isArray(value)) continue;
      out.push([name, value, child]);
    }
  }
  return out;
}

function text(children: Node[]): string {
  return children.map((c) => (typeof c['#text'] === 'string' ? c['#text'] : '')).join('');
}

/** A one-line description of an element: `S3Metadata: x-amz-meta-color=red`, `Foo: bar`. */
function describe(name: string, children: Node[]): string {
  const parts: string[] = [];
  const walk = (nodes: Node[]) => {
    for (const [n, kids] of elements(nodes)) {
      if (n === 'FilterRule') {
        const fields = new Map(elements(kids).map(([k, v]) => [k, text(v)]));
        parts.push(`${fields.get('Name') ?? ''}=${fields.get('Value') ?? ''}`);
      } else if (elements(kids).length === 0) parts.push(`${n}=${text(kids)}`);
      else walk(kids);
    }
  };
  walk(children);
  const own = text(children).trim();
  return `${name}: ${parts.length > 0 ? parts.join(', ') : own || '(empty)'}`;
}

const keep = (place: KeptPart['place'], name: string, children: Node[], node: Node): KeptPart =>
  ({ place, xml: builder.build([{ [name]: children, ...(node[':@'] ? { ':@': node[':@'] } : {}) }]) as string, text: describe(name, children) });

function parseHook(dialect: Dialect, children: Node[]): RemoteHook {
  const hook: RemoteHook = { id: '', dialect, url: '', events: [], rules: [], kept: [] };
  const target = DIALECT_ELEMENTS[dialect].target;
  for (const [name, value, node] of elements(children)) {
    if (name === 'Id') hook.id = text(value).trim();
    else if (name === 'Event') hook.events.push(text(value).trim());
    else if (name === target) hook.url = text(value).trim();
    else if (name !== 'Filter') hook.kept.push(keep('hook', name, value, node));
    else {
      for (const [fName, fValue, fNode] of elements(value)) {
        if (fName !== 'S3Key') { hook.kept.push(keep('filter', fName, fValue, fNode)); continue; }
        for (const [rName, rValue, rNode] of elements(fValue)) {
          const fields = new Map(elements(rValue).map(([k, v]) => [k, text(v)]));
          const name = fields.get('Name')?.trim() ?? '';
          if (rName === 'FilterRule' && ruleKind(name) && fields.size === 2) hook.rules.push({ name, value: fields.get('Value') ?? '' });
          else hook.kept.push(keep('key', rName, rValue, rNode));
        }
      }
    }
  }
  return hook;
}

/**
 * Read a remote's configuration document; an empty body is the empty configuration.
 * @throws AppError MalformedXML when it is not a well-formed NotificationConfiguration.
 */
export function parseRemoteDocument(xml: string): RemoteDocument {
  const root = configurationChildren<Node>(parser, xml, malformed);
  const out: RemoteDocument = { hooks: [], kept: [] };
  if (!root) return out;
  for (const [name, children, node] of elements(root)) {
    const dialect = ELEMENT_DIALECT.get(name);
    if (dialect) out.hooks.push(parseHook(dialect, children));
    else out.kept.push(keep('document', name, children, node));
  }
  return out;
}
