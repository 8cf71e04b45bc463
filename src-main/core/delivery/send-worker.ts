// The send worker: the engine's and replays' POSTs run on a thread of their own (sockets, HTTP parsing, TLS), so that
// work leaves the event loop serving S3 requests. Requests and answers cross in batches, one message per turn each
// way. Timeouts and aborts stay on the caller's clock (sender.ts); a worker that dies fails its requests, and the next
// send starts a new one.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { makePoster, type PostResult, type PostSpec } from './http-post';
import { RESPONSE_BODY_LIMIT, sendOver, type Send } from './sender';

/** A message to the worker: a request to start, or the abort of one. */
type ToWorker = { id: number; spec: PostSpec } | { id: number; abort: true };

/**
 * The worker's program: the poster's own source (http-post.ts is self-contained), fed batches of requests and
 * answering in batches. `__name` is defined for transpilers that keep function names through a helper.
 */
const PROGRAM = `
var __name = (target) => target;
const { parentPort, workerData } = require('node:worker_threads');
const post = (${makePoster.toString()})({ undici: require(workerData.undici), limit: workerData.limit });
const aborts = new Map();
let answers = [];
const answer = () => { parentPort.postMessage(answers); answers = []; };
parentPort.on('message', (batch) => {
  for (const m of batch) {
    if (m.abort) { aborts.get(m.id)?.abort(); continue; }
    const controller = new AbortController();
    aborts.set(m.id, controller);
    post(m.spec, controller.signal, (result) => {
      aborts.delete(m.id);
      if (!answers.length) setImmediate(answer);
      answers.push([m.id, result]);
    });
  }
});`;

/** Where undici is: the worker's program requires it by path (an evaluated program resolves names from the cwd). */
const UNDICI = createRequire(import.meta.url).resolve('undici');

/** The send worker: `send` has sendOnce's contract; `close` ends the thread (requests still open fail). */
export interface SendWorker { send: Send; close(): Promise<void> }

/** Start nothing yet: the thread starts with the first send, and holds the process open only while requests are open. */
export function createSendWorker(): SendWorker {
  let worker: Worker | undefined;
  const open = new Map<number, (result: PostResult) => void>();
  let outgoing: ToWorker[] = [];
  let nextId = 1;

  const failOpen = (message: string): void => {
    const waiting = [...open.values()];
    open.clear();
    for (const done of waiting) done({ error: { message }, durationMs: 0 });
  };

  const start = (): Worker => {
    // No inherited flags: the program is plain CommonJS (an inherited --input-type=module would make it ESM).
    const w = new Worker(PROGRAM, { eval: true, execArgv: [], workerData: { limit: RESPONSE_BODY_LIMIT, undici: UNDICI } });
    w.on('message', (batch: [number, PostResult][]) => {
      for (const [id, result] of batch) {
        const done = open.get(id);
        open.delete(id);
        done?.(result);
      }
      if (!open.size) w.unref();
    });
    const lost = (why: string): void => {
      if (worker !== w) return;
      worker = undefined;
      failOpen(`the send worker stopped: ${why}`);
    };
    w.on('error', (err) => lost(err.message));
    w.on('exit', (code) => lost(`exit code ${code}`));
    return w;
  };

  const later = (m: ToWorker): void => {
    if (!outgoing.length) {
      queueMicrotask(() => {
        const batch = outgoing;
        outgoing = [];
        worker?.postMessage(batch);
      });
    }
    outgoing.push(m);
  };

  const send = sendOver((spec, done) => {
    worker ??= start();
    worker.ref();
    const id = nextId++;
    open.set(id, done);
    later({ id, spec });
    return () => { if (open.has(id)) later({ id, abort: true }); };
  });

  return {
    send,
    async close() {
      const w = worker;
      worker = undefined;
      failOpen('the send worker was closed');
      await w?.terminate();
    },
  };
}
