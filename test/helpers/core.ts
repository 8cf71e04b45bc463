// Test helper: a real core on a temp data dir and a free port, plus an S3 client pointed at it.
import { rmSync } from 'node:fs';
import { S3Client } from '@aws-sdk/client-s3';
import { createCore, type Core, type CoreOptions } from '../../src-main/core/create-core';
import { DEFAULTS, type CoreConfig } from '../../src-main/core/kernel/config';
import { tempDir } from './temp-dir';

export const TEST_KEYS = { accessKey: 'AKIATESTBUCKETHOOKS1', secretKey: 'test-secret-key-0123456789abcdefghijklmn' };

export interface TestCore extends Core { s3: S3Client; dir: string; stop(): Promise<void> }

/** Start a core on a fresh temp dir (port 0, confirm mode 'off' unless overridden). */
export async function startTestCore(
  overrides: Partial<CoreConfig> = {},
  options: Omit<CoreOptions, 'config'> = {},
): Promise<TestCore> {
  const dir = overrides.dataDir ?? tempDir('bh-test-');
  const config: CoreConfig = {
    ...DEFAULTS, port: 0, dataDir: dir, ownerId: 'bh-owner', confirmMode: 'off', ...TEST_KEYS, ...overrides,
  };
  const core = await createCore({ config, ...options });
  const s3 = s3ClientFor(core.endpoint);
  return Object.assign(core, {
    s3, dir,
    async stop() {
      s3.destroy();
      await core.close();
      if (!overrides.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** An SDK client with its default settings (checksums, aws-chunked) against `endpoint`. */
export function s3ClientFor(endpoint: string, keys = TEST_KEYS): S3Client {
  return new S3Client({
    endpoint, region: 'ru-msk', forcePathStyle: true,
    credentials: { accessKeyId: keys.accessKey, secretAccessKey: keys.secretKey },
  });
}
