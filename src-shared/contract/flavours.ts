// The payload flavours a hook can be delivered in: names and one-line descriptions, shared by main, CLI and renderer.
// Data only (no Node, no Electron).

/** How a hook's events are shaped, wrapped and signed on the wire. */
export const PAYLOAD_FLAVOURS = ['vk', 'aws', 'aws-current', 'sns', 'eventbridge', 'minio', 'ceph', 'b2', 'cloudevents'] as const;

/** One payload flavour. */
export type PayloadFlavour = (typeof PAYLOAD_FLAVOURS)[number];

/** One line per flavour, for the hook dialog, the catalog and `--help`. */
export const FLAVOUR_DESCRIPTIONS: Record<PayloadFlavour, string> = {
  vk: "VK Cloud's record (eventVersion 1.0, s3: prefix on eventName)",
  aws: 'AWS S3 record, eventVersion 2.1 (what AWS sends to SQS, Lambda and SNS today)',
  'aws-current': "AWS S3 record at the current unified eventVersion (2.5) of AWS's guide",
  sns: 'AWS SNS HTTP/S delivery: the 2.1 record as Message, RSA-SHA256 signed (SignatureVersion 2), cert served here',
  eventbridge: 'Amazon EventBridge "Object Created" / "Object Deleted" event, one per request',
  minio: "MinIO's webhook body: EventName, Key and the record (eventVersion 2.0, minio:s3)",
  ceph: "Ceph RGW's record: eventVersion 2.2, ceph:s3, raw keys, eventId, opaqueData, metadata and tags lists",
  b2: 'Backblaze B2 {events:[…]} batch, signed X-Bz-Event-Notification-Signature: v1=<hex HMAC-SHA256>',
  cloudevents: 'CloudEvents 1.0 binary mode: ce-* headers, the AWS 2.1 record as the body',
};

/** The flavour a hook gets when none is chosen: VK's for SimpleTopicConfiguration, AWS 2.1 for the AWS elements. */
export function defaultFlavour(dialect: 'vk' | 'topic' | 'queue' | 'cloudfunction'): PayloadFlavour {
  return dialect === 'vk' ? 'vk' : 'aws';
}

/** True when `value` names a flavour. */
export function isFlavour(value: unknown): value is PayloadFlavour {
  return typeof value === 'string' && (PAYLOAD_FLAVOURS as readonly string[]).includes(value);
}
