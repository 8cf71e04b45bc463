// ListObjectsV2 at scale: put 100,000 empty objects (32 at a time), then walk the whole bucket in 1,000-key
// pages, timing each page request (server time plus the loopback round trip, no SDK parsing).
import type { BenchRow, Target } from './s3-servers';
import { signerFor } from './s3-sign';
import { expectOk, request } from './s3-http';

const KEYS = Number(process.env.BENCH_LIST_KEYS ?? 100_000);

/** The value at quantile `q` of sorted `xs`. */
function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Fill a bucket with KEYS keys and time its ListObjectsV2 pages. */
export async function runListBench(t: Target, progress: (line: string) => void): Promise<BenchRow[]> {
  const sign = signerFor(t);
  await expectOk(await sign.url('PUT', 'list'), 'PUT');
  const keyOf = (i: number) => `dir-${String(i % 100).padStart(2, '0')}/object-${String(i).padStart(6, '0')}.json`;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < KEYS) {
      const i = next++;
      await expectOk(await sign.url('PUT', 'list', keyOf(i)), 'PUT', Buffer.alloc(0));
      if (i % 20_000 === 0 && i > 0) progress(`list: ${i} keys put`);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  const putRate = KEYS / ((performance.now() - started) / 1000);
  progress(`list: ${KEYS} keys put at ${putRate.toFixed(0)} PUT/s`);

  const pages: number[] = [];
  let listed = 0;
  let token: string | undefined;
  do {
    const query: Record<string, string> = { 'list-type': '2', 'max-keys': '1000', ...(token ? { 'continuation-token': token } : {}) };
    const url = await sign.url('GET', 'list', undefined, query);
    const t0 = performance.now();
    const res = await request(url, 'GET');
    pages.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`ListObjectsV2 → ${res.status}: ${res.text.slice(0, 300)}`);
    listed += (res.text.match(/<Key>/g) ?? []).length;
    token = /<NextContinuationToken>([^<]+)<\/NextContinuationToken>/.exec(res.text)?.[1];
    if (token) token = token.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
  } while (token);
  if (listed !== KEYS) throw new Error(`ListObjectsV2 walked ${listed} keys, expected ${KEYS}`);
  const timed = async (query: Record<string, string>): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const url = await sign.url('GET', 'list', undefined, { 'list-type': '2', ...query });
      const t0 = performance.now();
      const res = await request(url, 'GET');
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`ListObjectsV2 ${JSON.stringify(query)} → ${res.status}`);
    }
    return quantile(times, 0.5);
  };
  const folders = await timed({ delimiter: '/' });
  const inFolder = await timed({ prefix: 'dir-42/', delimiter: '/', 'max-keys': '1000' });
  const median = quantile(pages, 0.5);
  progress(`list: ${pages.length} pages, median ${median.toFixed(1)} ms, p95 ${quantile(pages, 0.95).toFixed(1)} ms`);
  return [
    { name: `ListObjectsV2 setup: PUT 0 B c=32 buckethooks (${KEYS} keys)`, value: putRate, unit: 'req/s' },
    { name: `ListObjectsV2 1000-key page, median of ${pages.length} (${KEYS} keys)`, value: median, unit: 'ms', target: `< 20 ${median < 20 ? 'met' : 'MISSED'}` },
    { name: 'ListObjectsV2 1000-key page, p95', value: quantile(pages, 0.95), unit: 'ms', target: `< 20 ${quantile(pages, 0.95) < 20 ? 'met' : 'MISSED'}` },
    { name: 'ListObjectsV2 1000-key page, max', value: Math.max(...pages), unit: 'ms' },
    { name: 'ListObjectsV2 delimiter=/ at the root (100 folders), median of 5', value: folders, unit: 'ms', target: `< 20 ${folders < 20 ? 'met' : 'MISSED'}` },
    { name: `ListObjectsV2 prefix=dir-42/ (${KEYS / 100} keys), median of 5`, value: inFolder, unit: 'ms', target: `< 20 ${inFolder < 20 ? 'met' : 'MISSED'}` },
  ];
}
