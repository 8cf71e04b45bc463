// The desktop app's core start: a busy preferred port falls back to a free one; keys come from the data dir.
import { createServer, type Server } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isPortFree, startDesktopCore } from '../../src-main/shell/desktop-core';
import { silentLogger } from '../../src-main/core/kernel/logger';
import type { Core } from '../../src-main/core/create-core';
import { tempDir } from '../helpers/temp-dir';

describe('startDesktopCore', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

  it('uses a free port when the preferred one is taken, and the stored key pair', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => blocker.close(() => r())));
    const busy = (blocker.address() as { port: number }).port;
    expect(await isPortFree(busy, '127.0.0.1')).toBe(false);

    const dataDir = tempDir('bh-desktop-');
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const core: Core = await startDesktopCore(
      { host: '127.0.0.1', port: busy, dataDir, region: 'ru-msk', confirmMode: 'off' }, silentLogger,
    );
    cleanups.push(() => core.close());
    expect(core.port).not.toBe(busy);
    expect(core.endpoint).toBe(`http://127.0.0.1:${core.port}`);
    const stored = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { accessKey: string };
    expect(core.config.accessKey).toBe(stored.accessKey);
    const res = await fetch(`${core.endpoint}/`);
    expect(res.status).toBe(403);
  });

  it('reports a free port as free', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    expect(await isPortFree(port, '127.0.0.1')).toBe(true);
  });
});
