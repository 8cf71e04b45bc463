// The event catalog: every flavour has every event type, each sample is the request the request builder makes (SNS
// signed, B2 signed with the sample secret), each schema describes its body, and hard keys are written per flavour.
import { describe, expect, it } from 'vitest';
import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import { buildCatalog, CATALOG_EVENTS, HARD_KEYS, SAMPLE_SECRET, schemaOf } from '../../src-main/core/payloads/catalog';
import { buildRequest } from '../../src-main/core/delivery/request';
import { PAYLOAD_FLAVOURS } from '../../src-shared/contract';

const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const ctx = { version: '1', now: Date.UTC(2026, 0, 2), region: 'ru-msk', ownerId: 'owner', publicBase: 'http://127.0.0.1:9000',
  snsSign: (t: string) => createSign('RSA-SHA256').update(t).sign(key, 'base64') };
const catalog = buildCatalog({ region: 'ru-msk', ownerId: 'owner', now: ctx.now }, (flavour, eventId, body) =>
  buildRequest({ bucket: 'example-bucket', id: 'example-hook', url: 'https://x', flavour, secret: SAMPLE_SECRET, auth: null }, [{ eventId, body }], ctx));

/** True when `value` fits `schema` (the subset schemaOf writes: type, required, properties, items). */
function fits(value: unknown, schema: Record<string, unknown>): boolean {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (type !== schema.type) return false;
  if (type === 'array' && schema.items) return (value as unknown[]).every((v) => fits(v, schema.items as Record<string, unknown>));
  if (type !== 'object') return true;
  const o = value as Record<string, unknown>;
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  return ((schema.required ?? []) as string[]).every((k) => k in o) && Object.entries(props).every(([k, s]) => fits(o[k], s));
}

describe('event catalog', () => {
  it('has every flavour and event, each body fitting its schema', () => {
    expect(catalog.map((f) => f.flavour)).toEqual([...PAYLOAD_FLAVOURS]);
    for (const f of catalog) {
      expect(f.events.map((e) => e.event)).toEqual([...CATALOG_EVENTS]);
      for (const e of f.events) expect(fits(JSON.parse(e.body), e.schema), `${f.flavour} ${e.event}`).toBe(true);
    }
    expect(fits({ Records: 1 }, schemaOf({ Records: [] }))).toBe(false);
  });

  it('shows the signature headers the flavour sends', () => {
    const b2 = catalog.find((f) => f.flavour === 'b2')!.events[0];
    expect(b2.headers['x-bz-event-notification-signature']).toBe(`v1=${createHmac('sha256', SAMPLE_SECRET).update(b2.body).digest('hex')}`);
    const sns = JSON.parse(catalog.find((f) => f.flavour === 'sns')!.events[0].body) as Record<string, string>;
    expect(sns).toMatchObject({ Type: 'Notification', SignatureVersion: '2', SigningCertURL: 'http://127.0.0.1:9000/_sns/SimpleNotificationService.pem' });
    expect(catalog.find((f) => f.flavour === 'cloudevents')!.events[0].headers['ce-type']).toBe('com.amazonaws.s3.ObjectCreated:Put');
  });

  it('writes hard keys as each service does', () => {
    const keys = (flavour: string) => catalog.find((f) => f.flavour === flavour)!.hardKeys.map((k) => k.encoded);
    expect(keys('aws').slice(0, 4)).toEqual(['photos/my+cat.jpg', 'a%2Bb%3Dc%26d.txt', '100%25+done%3F.txt', '%D0%BA%D0%BB%D1%8E%D1%87/%C3%BC+%E2%9C%93.txt']);
    expect(keys('minio')[0]).toBe('photos%2Fmy+cat.jpg');
    for (const raw of ['ceph', 'eventbridge', 'b2']) expect(keys(raw)).toEqual([...HARD_KEYS]);
    expect(keys('vk')[4]).toHaveLength(1024);
  });
});
