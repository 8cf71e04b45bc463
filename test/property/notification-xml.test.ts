// Properties of the notification configuration parser: any text, and any document built from its own vocabulary
// (mixed dialects, unknown and reserved element names, entities, CDATA, comments, deep nesting), parses or fails
// with a ConfigError; a valid configuration rendered as GET returns it parses back to the same hooks.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseConfig } from '../../src-main/core/notifications/parse-config';
import { renderConfig } from '../../src-main/core/notifications/render-config';
import { validateConfig } from '../../src-main/core/notifications/validate-config';
import { ConfigError } from '../../src-main/core/notifications/errors';
import { DIALECT_ELEMENTS, SUPPORTED_EVENTS, type Dialect, type HookSpec } from '../../src-main/core/notifications/types';
import { hostileText, onlyThrows, RUNS } from './arbitraries';

const NAMES = ['NotificationConfiguration', 'SimpleTopicConfiguration', 'TopicConfiguration', 'QueueConfiguration',
  'CloudFunctionConfiguration', 'EventBridgeConfiguration', 'Id', 'Event', 'Url', 'Topic', 'Queue', 'CloudFunction', 'Filter',
  'S3Key', 'FilterRule', 'Name', 'Value', '__proto__', 'constructor', 'x:Id', 'hasOwnProperty', '#text', ':@'];
const TEXT = ['s3:ObjectCreated:*', 'http://a.test/h', 'prefix', 'Suffix', '&amp;', '&lt;', '&#x41;', '&bogus;', '<![CDATA[x<y]]>',
  '<!-- c -->', '<?pi x?>', ' ', ''];

/** A random element tree over the configuration vocabulary (well-formed or nearly). */
const element: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.constantFrom(...TEXT), hostileText(12)),
    fc.tuple(fc.constantFrom(...NAMES), fc.array(tie('node'), { maxLength: 4 }), fc.boolean())
      .map(([name, children, attr]) => `<${name}${attr ? ' xmlns="http://s3.amazonaws.com/doc/2006-03-01/" a="1"' : ''}>${children.join('')}</${name}>`),
  ),
})).node;

const deep = fc.integer({ min: 1, max: 3000 }).map((n) => `<NotificationConfiguration>${'<Filter>'.repeat(n)}${'</Filter>'.repeat(n)}</NotificationConfiguration>`);

describe('parseConfig', () => {
  it('parses or throws a ConfigError for any text and any document of its vocabulary', async () => {
    const doc = fc.oneof(hostileText(200), element, element.map((e) => `<?xml version="1.0"?>${e}`), deep,
      element.map((e) => `<!DOCTYPE x [<!ENTITY a "b">]>${e}`));
    await fc.assert(fc.asyncProperty(doc, async (xml) => {
      await onlyThrows(ConfigError, () => validateConfig(parseConfig(xml), () => 'generated'));
    }), { numRuns: RUNS });
  });

  /** Text an XML 1.0 document can carry as is: no C0 controls other than tab and LF, no CR (normalised). */
  const xmlText = (min: number, max: number) => fc.string({ unit: 'binary', minLength: min, maxLength: max })
    .map((s) => [...s].map((c) => ((c < ' ' && c !== '\t' && c !== '\n') || c === '\uFFFE' || c === '\uFFFF' ? '_' : c)).join(''));
  const trimmed = (max: number) => xmlText(1, max).map((s) => s.trim()).filter((s) => s.length > 0);
  const hook = (i: number) => fc.record({
    id: trimmed(40), dialect: fc.constantFrom(...(Object.keys(DIALECT_ELEMENTS) as Dialect[])),
    url: trimmed(60).map((s) => `http://h${i}.test/${encodeURIComponent(s)}`),
    events: fc.subarray([...SUPPORTED_EVENTS], { minLength: 1 }),
    prefix: fc.option(xmlText(0, 20), { nil: undefined }), suffix: fc.option(xmlText(1, 20), { nil: undefined }),
    upper: fc.boolean(),
  }).map((h): HookSpec => ({
    id: `${i}-${h.id}`, dialect: h.dialect, url: h.url, events: h.events,
    rules: [
      // A distinct prefix per hook keeps the set free of overlapping rules.
      { name: h.upper ? 'Prefix' : 'prefix', value: `${i}/${h.prefix ?? ''}` },
      ...(h.suffix === undefined ? [] : [{ name: h.upper ? 'Suffix' : 'suffix', value: h.suffix }]),
    ],
  }));

  it('parses a rendered configuration back to the same hooks', () => {
    const specs = fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => hook(i))));
    fc.assert(fc.property(specs, (hooks) => {
      const parsed = validateConfig(parseConfig(renderConfig(hooks)));
      const asRendered = hooks.map((h) => ({
        ...h, rules: h.rules.map((r) => ({ name: h.dialect === 'vk' ? r.name[0].toUpperCase() + r.name.slice(1) : r.name, value: r.value })),
      }));
      expect(parsed).toEqual(asRendered);
    }), { numRuns: RUNS });
  });
});
