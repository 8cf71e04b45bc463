// The payload flavours a hook can be delivered in: names and one-line descriptions, shared by main, CLI and renderer.
// Data only (no Node, no Electron).

/** How a hook's events are shaped, wrapped and signed on the wire. */
export const PAYLOAD_FLAVOURS = ['vk', 'aws'] as const;

/** One payload flavour. */
export type PayloadFlavour = (typeof PAYLOAD_FLAVOURS)[number];

/** One line per flavour, for the hook dialog, the catalog and `--help`. */
export const FLAVOUR_DESCRIPTIONS: Record<PayloadFlavour, string> = {
  vk: "VK Cloud's record (eventVersion 1.0, s3: prefix on eventName)",
  aws: 'AWS S3 record, eventVersion 2.1',
};

/** The flavour a hook gets when none is chosen: VK's for SimpleTopicConfiguration, AWS 2.1 for the AWS elements. */
export function defaultFlavour(dialect: 'vk' | 'topic' | 'queue' | 'cloudfunction'): PayloadFlavour {
  return dialect === 'vk' ? 'vk' : 'aws';
}

/** True when `value` names a flavour. */
export function isFlavour(value: unknown): value is PayloadFlavour {
  return typeof value === 'string' && (PAYLOAD_FLAVOURS as readonly string[]).includes(value);
}
