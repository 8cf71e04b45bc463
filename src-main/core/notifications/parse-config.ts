// Parses a NotificationConfiguration document (both dialects, document order) into raw hooks.
// Structure only: well-formedness, known elements, no DOCTYPE/entities. Semantic checks live in validate-config.ts.
import { XMLParser } from 'fast-xml-parser';
import { parseUntrustedXml, UntrustedXmlError } from '../kernel/untrusted-xml';
import { ConfigError, invalidArgument } from './errors';
import { DIALECT_ELEMENTS, ELEMENT_DIALECT, type Dialect, type FilterRule } from './types';

/** A hook as written, before validation: any field may be missing. */
export interface RawHook {
  id?: string;
  dialect: Dialect;
  target?: string;
  events: string[];
  rules: FilterRule[];
}

type Node = Record<string, Node[] | string>;

const parser = new XMLParser({
  preserveOrder: true, ignoreAttributes: true, parseTagValue: false, trimValues: false,
  processEntities: true, ignoreDeclaration: true, ignorePiTags: true,
});

const malformed = (why: string) =>
  new ConfigError('MalformedXML', `The XML you provided was not well-formed or did not validate against our published schema (${why})`);

/** The element children of a node, as [name, children] pairs, skipping text and comments. */
function elements(children: Node[]): [string, Node[]][] {
  const out: [string, Node[]][] = [];
  for (const child of children) {
    for (const [name, value] of Object.entries(child)) {
      if (name === '#text' || name === ':@') continue;
      if (!Array.isArray(value)) throw malformed(`unexpected content in ${name}`);
      out.push([name, value]);
    }
  }
  return out;
}

/** The text content of a leaf element. */
function text(children: Node[], name: string): string {
  let out = '';
  for (const child of children) {
    for (const [k, v] of Object.entries(child)) {
      if (k === '#text' && typeof v === 'string') out += v;
      else if (k !== ':@') throw malformed(`${name} must hold text`);
    }
  }
  return out;
}

function parseRules(filter: Node[]): FilterRule[] {
  const rules: FilterRule[] = [];
  for (const [name, keyChildren] of elements(filter)) {
    if (name !== 'S3Key') throw malformed(`unknown element ${name} in Filter`);
    for (const [ruleName, ruleChildren] of elements(keyChildren)) {
      if (ruleName !== 'FilterRule') throw malformed(`unknown element ${ruleName} in S3Key`);
      const rule: Partial<FilterRule> = {};
      for (const [field, value] of elements(ruleChildren)) {
        if (field === 'Name') rule.name = text(value, field).trim();
        else if (field === 'Value') rule.value = text(value, field);
        else throw malformed(`unknown element ${field} in FilterRule`);
      }
      rules.push({ name: rule.name ?? '', value: rule.value ?? '' });
    }
  }
  return rules;
}

function parseHook(dialect: Dialect, children: Node[]): RawHook {
  const hook: RawHook = { dialect, events: [], rules: [] };
  const target = DIALECT_ELEMENTS[dialect].target;
  for (const [name, value] of elements(children)) {
    if (name === 'Id') hook.id = text(value, name).trim();
    else if (name === 'Event') hook.events.push(text(value, name).trim());
    else if (name === target) hook.target = text(value, name).trim();
    else if (name === 'Filter') hook.rules.push(...parseRules(value));
    else throw malformed(`unknown element ${name} in ${DIALECT_ELEMENTS[dialect].element}`);
  }
  return hook;
}

/**
 * The children of the one NotificationConfiguration element of `xml`, parsed by `parser` (a preserveOrder parser),
 * or null for an empty body (the empty configuration). Shared with the lenient reader of a remote's document.
 * @throws what `malformed` makes when the document is refused (see parseUntrustedXml) or its root is another element.
 */
export function configurationChildren<N>(parser: XMLParser, xml: string, malformed: (why: string) => Error): N[] | null {
  if (xml.trim() === '') return null;
  let doc: Record<string, unknown>[];
  try {
    doc = parseUntrustedXml(parser, xml) as Record<string, unknown>[];
  } catch (err) {
    if (err instanceof UntrustedXmlError) throw malformed(err.message);
    throw err;
  }
  const roots = doc.flatMap((node) => Object.entries(node).filter(([name]) => name !== '#text' && name !== ':@'));
  if (roots.length !== 1 || roots[0][0] !== 'NotificationConfiguration' || !Array.isArray(roots[0][1])) {
    throw malformed('the root element must be NotificationConfiguration');
  }
  return roots[0][1] as N[];
}

/**
 * Parse a configuration document. An empty body is the empty configuration.
 * @throws ConfigError MalformedXML for anything that is not a well-formed NotificationConfiguration.
 */
export function parseConfig(xml: string): RawHook[] {
  const root = configurationChildren<Node>(parser, xml, malformed);
  if (!root) return [];
  const hooks: RawHook[] = [];
  for (const [name, children] of elements(root)) {
    const dialect = ELEMENT_DIALECT.get(name);
    if (dialect) hooks.push(parseHook(dialect, children));
    else if (name === 'EventBridgeConfiguration') {
      // compat: BucketHooks has no EventBridge; AWS would accept it.
      throw invalidArgument('EventBridgeConfiguration is not supported by BucketHooks: use a TopicConfiguration '
        + 'or SimpleTopicConfiguration whose target is an http(s) URL', 'EventBridgeConfiguration', '');
    } else throw malformed(`unknown element ${name} in NotificationConfiguration`);
  }
  return hooks;
}
