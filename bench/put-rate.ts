// Bench helper: the rate of small SDK PUTs into one bucket, 16 in parallel, with the CPU each costs this process
// (client and in-process server alike: on a shared machine the steadier figure); shared by the delivery and
// health benches.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** PUTs per second and CPU µs per PUT of one run. */
export interface PutFigures { perSecond: number; cpuUsPerPut: number }

/** The best of two runs' figures, each figure on its own (most PUTs/s, least CPU per PUT). */
export const bestFigures = (a: PutFigures, b: PutFigures): PutFigures =>
  ({ perSecond: Math.max(a.perSecond, b.perSecond), cpuUsPerPut: Math.min(a.cpuUsPerPut, b.cpuUsPerPut) });

/** PUT `body` `total` times into `bucket`, 16 at a time, each object named by `key()`. */
export async function putRate(s3: S3Client, bucket: string, body: Buffer, total: number, key: () => string): Promise<PutFigures> {
  let sent = 0;
  const p0 = Date.now();
  const c0 = process.cpuUsage();
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (sent++ < total) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key(), Body: body }));
  }));
  const cpu = process.cpuUsage(c0);
  return { perSecond: total / ((Date.now() - p0) / 1000), cpuUsPerPut: (cpu.user + cpu.system) / total };
}
