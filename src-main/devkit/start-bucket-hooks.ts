// startBucketHooks(): a whole BucketHooks server inside the caller's process, for an app's own tests — started
// through the launch module on a free port and a temporary data folder, with helpers to add hooks and wait for
// deliveries. Plain Node: no Electron, no CLI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { DeliveryFilter, DeliveryRow } from '../../src-shared/contract';
import { DEFAULTS } from '../core/kernel/config';
import { createLogger, silentLogger } from '../core/kernel/logger';
import { launchCore } from '../launch/launch-core';
import { REALISM_OFF, type RealismOptions } from '../core/realism/realism';
import { checkRealism, randomSeed } from '../core/realism/realism-options';
import type { AddHookInput, BucketHooks, StartBucketHooks, StartOptions } from './types';
import { createDeliveryWaiter } from './wait-for-delivery';

/** The built-in inbox hooks post to when `addHook` gets no URL. */
const INBOX = 'devkit';

/** Realism options from a partial: the fields given over "nothing", a random seed when none is given. */
const realismOf = (partial: Partial<RealismOptions>): RealismOptions => checkRealism({ ...REALISM_OFF, seed: randomSeed(), ...partial });

/** Start a BucketHooks server in this process (see StartBucketHooks in types.ts). */
export const startBucketHooks: StartBucketHooks = async (options: StartOptions = {}): Promise<BucketHooks> => {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'buckethooks-'));
  const logger = options.logLevel ? createLogger(options.logLevel) : silentLogger;
  let core;
  try {
    core = await launchCore({
      host: '127.0.0.1', port: options.port ?? 0, dataDir, region: options.region ?? DEFAULTS.region,
      confirmMode: options.confirm ?? DEFAULTS.confirmMode,
      accessKey: options.credentials?.accessKeyId, secretKey: options.credentials?.secretAccessKey,
      realism: options.realism ? realismOf(options.realism) : null,
    }, { logger });
  } catch (err) {
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const { api, config, endpoint } = core;
  const credentials = { accessKeyId: config.accessKey, secretAccessKey: config.secretKey };
  const clients = new Set<S3Client>();
  const waiter = createDeliveryWaiter(core.delivery);
  const inboxUrl = `${endpoint}/_inbox/${INBOX}`;

  async function deliveries(filter: DeliveryFilter = {}): Promise<DeliveryRow[]> {
    const rows: DeliveryRow[] = [];
    for (let cursor: string | undefined; ;) {
      const page = await api['deliveries.list']({ filter, cursor, limit: 500 });
      rows.push(...page.items);
      if (!page.nextCursor) return rows;
      cursor = page.nextCursor;
    }
  }

  return {
    endpoint, region: config.region, credentials, dataDir, inboxUrl, api,
    s3Client(extra: Partial<S3ClientConfig> = {}) {
      const client = new S3Client({ endpoint, region: config.region, forcePathStyle: true, credentials, ...extra });
      clients.add(client);
      return client;
    },
    async addHook(bucket: string, hook: AddHookInput) {
      if (!core.storage.bucketExists(bucket)) await api['buckets.create']({ name: bucket });
      const url = hook.url ?? inboxUrl;
      const realism = hook.realism ? realismOf(hook.realism) : undefined;
      const { hook: saved } = await api['hooks.upsert']({ bucket, hook: { ...hook, url, realism } });
      return { id: saved.id, url: saved.url };
    },
    waitForDelivery: waiter.wait,
    deliveries,
    async close() {
      waiter.close();
      for (const client of clients) client.destroy();
      await core.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
