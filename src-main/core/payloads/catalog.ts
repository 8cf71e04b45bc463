// The event catalog: for each flavour and event type, the request the delivery code builds for a sample change (the
// same builders, the server's real SNS signer), a JSON Schema derived from that body, and hard keys as the flavour
// encodes them. Pure apart from the signer it is given.
import { FLAVOUR_DESCRIPTIONS, PAYLOAD_FLAVOURS, type CatalogFlavour, type PayloadFlavour } from '../../../src-shared/contract';
import type { ObjectChange, S3EventName } from '../model/object-change';
import { flavourShape } from './flavours';

/** The event types of the catalog, in the order S3 documents them. */
export const CATALOG_EVENTS: readonly S3EventName[] = [
  's3:ObjectCreated:Put', 's3:ObjectCreated:Post', 's3:ObjectCreated:Copy', 's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:Delete', 's3:ObjectRemoved:DeleteMarkerCreated',
];

/** Keys that trip receivers: spaces, `+`, `%`, unicode, a 1,024-byte key. */
export const HARD_KEYS: readonly string[] = ['photos/my cat.jpg', 'a+b=c&d.txt', '100% done?.txt', 'ключ/ü ✓.txt', 'k'.repeat(1024)];

/** What the sample records name. */
export interface CatalogContext { region: string; ownerId: string; now: number }

/** The signing secret of the catalog's sample hook (so signed flavours show their signature headers). */
export const SAMPLE_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function sampleChange(event: S3EventName, key: string, now: number): ObjectChange {
  const removal = event.startsWith('s3:ObjectRemoved:');
  return {
    eventName: event, bucket: 'example-bucket', key, size: removal ? undefined : 1024, etag: removal ? undefined : 'd41d8cd98f00b204e9800998ecf8427e',
    versionId: '3sL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY', sequencer: 1_700_000, time: now, requestId: 'C3D13FE58DE4C810',
    hostId: 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD', sourceIp: '127.0.0.1', principalId: 'BHEXAMPLEKEY',
  };
}

/** A JSON Schema of `value`'s structure: every field required, with its JSON type. */
export function schemaOf(value: unknown): Record<string, unknown> {
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) return value.length ? { type: 'array', items: schemaOf(value[0]) } : { type: 'array' };
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return { type: 'object', required: entries.map(([k]) => k), properties: Object.fromEntries(entries.map(([k, v]) => [k, schemaOf(v)])) };
  }
  return { type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string' };
}

/** The (first) key as written in a stored body of any flavour. */
export function keyInBody(body: string): string {
  const v = JSON.parse(body) as { Records?: { s3: { object: { key: string } } }[]; detail?: { object: { key: string } };
    events?: { objectName: string }[]; s3?: { object: { key: string } } };
  return v.Records?.[0].s3.object.key ?? v.detail?.object.key ?? v.events?.[0].objectName ?? v.s3?.object.key ?? '';
}

/**
 * The catalog of `flavours` (default: all). `build` turns a stored body into the request the engine would send
 * (delivery's request builder, injected so payloads/ stays below delivery/).
 */
export function buildCatalog(
  ctx: CatalogContext, build: (flavour: PayloadFlavour, eventId: string, body: string) => { headers: Record<string, string>; body: string },
  flavours: readonly PayloadFlavour[] = PAYLOAD_FLAVOURS,
): CatalogFlavour[] {
  const record = { hookId: 'example-hook', region: ctx.region, ownerId: ctx.ownerId, eventId: 'evt_01JEXAMPLE0000000000000000' };
  return flavours.map((flavour) => {
    const shape = flavourShape(flavour);
    const events = CATALOG_EVENTS.map((event) => {
      const stored = shape.body(sampleChange(event, HARD_KEYS[0], ctx.now), record);
      const request = build(flavour, record.eventId, stored);
      return { event, headers: request.headers, body: request.body, schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', ...schemaOf(JSON.parse(request.body)) } };
    });
    const hardKeys = HARD_KEYS.map((raw) => ({ raw, encoded: keyInBody(shape.body(sampleChange('s3:ObjectCreated:Put', raw, ctx.now), record)) }));
    return { flavour, description: FLAVOUR_DESCRIPTIONS[flavour], events, hardKeys };
  });
}
