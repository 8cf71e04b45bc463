// The soak's server process: a core (the same composition root as `serve`) on a free port and a temp data dir,
// measuring itself for the soak: RSS, heap, event-loop lag and open file descriptors, sent to the parent over IPC.
import { readdirSync, readlinkSync, statSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCore } from '../src-main/core/create-core';
import { DEFAULTS } from '../src-main/core/kernel/config';
import { createLogger } from '../src-main/core/kernel/logger';
import { FUZZ_KEYS } from '../fuzz/serve';

/**
 * One measurement of the server process. `fds` leaves out the data dir's directories, whose descriptors the
 * storage keeps open on purpose to fsync them (at most the 256 object shards, objects/ and tmp/): `dirFds`.
 */
export interface ServerSample {
  at: number; rssMb: number; heapMb: number; lagP99Ms: number; lagMaxMs: number; fds: number; dirFds: number; fdKinds: Record<string, number>;
}

/** What the server tells the soak. */
export type ServerMessage = { kind: 'ready'; endpoint: string; token: string } | { kind: 'sample'; sample: ServerSample }
  | { kind: 'lag'; p99Ms: number; maxMs: number };

const send = (message: ServerMessage) => process.send?.(message);
const dataDir = process.argv[2];
const logger = createLogger('error');
const core = await createCore({
  config: { ...DEFAULTS, port: 0, dataDir, ownerId: 'soak', confirmMode: 'off', ...FUZZ_KEYS }, logger,
});

// One histogram for the whole run and one per sample interval (10 ms resolution).
const whole = monitorEventLoopDelay({ resolution: 10 });
const interval = monitorEventLoopDelay({ resolution: 10 });
whole.enable();
interval.enable();
const ms = (ns: number) => ns / 1e6;

/** Open descriptors by what they are: socket, pipe, anon_inode, a data dir file, or a data dir directory. */
function fdKinds(): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const fd of readdirSync('/proc/self/fd')) {
    let kind = 'closed while listing';
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (!target.startsWith(dataDir)) kind = target.split(':')[0];
      else kind = statSync(target).isDirectory() ? 'data dir directory' : 'data dir file';
    } catch { /* closed while listing */ }
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

const sample = (): ServerSample => {
  const memory = process.memoryUsage();
  const kinds = fdKinds();
  const total = Object.values(kinds).reduce((a, b) => a + b, 0);
  const dirFds = kinds['data dir directory'] ?? 0;
  const out = { at: Date.now(), rssMb: memory.rss / 2 ** 20, heapMb: memory.heapUsed / 2 ** 20, lagP99Ms: ms(interval.percentile(99)),
    lagMaxMs: ms(interval.max), fds: total - dirFds, dirFds, fdKinds: kinds };
  interval.reset();
  return out;
};

process.on('message', (message: string) => {
  if (message === 'sample') send({ kind: 'sample', sample: sample() });
  if (message === 'lag') send({ kind: 'lag', p99Ms: ms(whole.percentile(99)), maxMs: ms(whole.max) });
  if (message === 'stop') void core.close().then(() => process.exit(0));
});
send({ kind: 'ready', endpoint: core.endpoint, token: core.token });
