// npm test runs the desktop smoke (smoke-desktop.ts) on the build it has just made, as `npm run smoke:desktop`
// does after building: the built main bundle under the fake electron, in its own plain Node process.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './desktop-driver';

it('the built main bundle passes the desktop smoke (prints "desktop smoke: ok")', async () => {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'test/desktop/smoke-desktop.ts')], { cwd: ROOT });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect({ code, output }).toMatchObject({ code: 0, output: expect.stringMatching(/\ndesktop smoke: ok\n$/) });
}, 180_000);
