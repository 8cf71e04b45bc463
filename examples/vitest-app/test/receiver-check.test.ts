// An app's CI check of a webhook receiver with the package's checkReceiver: here the receiver is BucketHooks' own
// built-in inbox (it answers the handshake and every delivery), so no case fails; the signature cases are skipped
// because the inbox keeps no secret.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkReceiver, startBucketHooks, type BucketHooks } from 'buckethooks';

let bh: BucketHooks;

beforeAll(async () => {
  bh = await startBucketHooks();
});

afterAll(async () => {
  await bh.close();
});

test('the built-in inbox passes the receiver check', async () => {
  const report = await checkReceiver(bh.inboxUrl);

  expect(report.cases.filter((c) => c.outcome === 'fail').map((c) => `${c.name}: ${c.message}`)).toEqual([]);
  expect(report.cases.find((c) => c.name === 'handshake')?.outcome).toBe('pass');
  expect(report.cases.find((c) => c.name === 'signature.valid')?.message).toBe('no secret given (--secret): signatures cannot be checked');
});
