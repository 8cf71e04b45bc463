// Settings persistence through the app API: confirm mode and the default retry schedule survive a restart of
// the core on the same data dir, the engine uses the stored schedule, and a changed --confirm flag wins.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startTestCore, type TestCore } from '../helpers/core';
import { tempDir } from '../helpers/temp-dir';

const dir = tempDir('bh-settings-');
const cores: TestCore[] = [];
const start = async (confirmMode: 'off' | 'strict' = 'off') => {
  const core = await startTestCore({ dataDir: dir, confirmMode });
  cores.push(core);
  return core;
};
const stop = async (core: TestCore) => { await core.stop(); cores.splice(cores.indexOf(core), 1); };

afterAll(async () => {
  for (const core of cores) await core.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('settings persistence', () => {
  it('keeps confirm mode and retry defaults across a restart, and the engine uses the schedule', async () => {
    const first = await start();
    expect((await first.api['settings.get']({})).confirmMode).toBe('off');
    const updated = await first.api['settings.update']({ confirmMode: 'record', retrySchedule: [600_000, 900_000] });
    expect(updated).toEqual({ confirmMode: 'record', retrySchedule: [600_000, 900_000] });
    await stop(first);

    const second = await start();
    expect(await second.api['settings.get']({})).toEqual({ confirmMode: 'record', retrySchedule: [600_000, 900_000] });
    expect((await second.api['server.status']({})).confirmMode).toBe('record');
    expect(second.settings.confirmMode()).toBe('record');
    expect(second.config.confirmMode).toBe('off');

    await second.api['buckets.create']({ name: 'sched' });
    await second.api['inbox.setFailure']({ name: 'sched', status: 500 });
    const { url } = await second.api['inbox.url']({ name: 'sched' });
    await second.api['hooks.upsert']({ bucket: 'sched', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url } });
    await second.s3.send(new PutObjectCommand({ Bucket: 'sched', Key: 'a.txt', Body: 'a' }));
    await expect.poll(async () => (await second.api['deliveries.list']({})).items[0]?.attempts ?? 0, { timeout: 5000 }).toBe(1);
    const [row] = (await second.api['deliveries.list']({})).items;
    // 600 s ± 20 % jitter; the built-in default would retry after about 1 s.
    expect(row.nextAt - row.updatedAt).toBeGreaterThan(400_000);
    await stop(second);
  });

  it('lets a changed --confirm flag win over the stored mode, and a later update is kept again', async () => {
    const third = await start('strict');
    expect((await third.api['settings.get']({})).confirmMode).toBe('strict');
    expect((await third.api['settings.get']({})).retrySchedule).toEqual([600_000, 900_000]);
    await third.api['settings.update']({ confirmMode: 'off' });
    await stop(third);
    const fourth = await start('strict');
    expect((await fourth.api['settings.get']({})).confirmMode).toBe('off');
    await stop(fourth);
  });

  it('rejects invalid settings with a readable error and stores nothing', async () => {
    const core = await start();
    await expect(core.api['settings.update']({ retrySchedule: [-1] })).rejects.toThrow(/retrySchedule/);
    await expect(core.api['settings.update']({ confirmMode: 'sometimes' } as never)).rejects.toThrow(/confirmMode/);
    expect((await core.api['settings.get']({})).retrySchedule).toEqual([600_000, 900_000]);
  });
});
