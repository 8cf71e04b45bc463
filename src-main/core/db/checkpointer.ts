// The checkpointer: a thread with its own connection copies committed WAL frames into the database file (and syncs
// it), so that work and its fsyncs leave the event loop. The main connection's own checkpoint then finds little to
// copy (open.ts, CATCH_UP_FRAMES) and the WAL starts over; if this thread stops, that checkpoint does it all.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sharesWalIndex, type Db } from './open';

/** Between passes while the WAL changes (or a pass could not copy it all), and while it stays as it was. */
export const PASS_MS = { busy: 20, idle: 250 };

/**
 * The thread's program. PASSIVE never waits for a lock and never holds up a writer; synchronous = NORMAL makes
 * each pass sync the WAL before copying and the database after, as the main connection's checkpoints do.
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let last = -1;
let lastError = '';
let timer;
const pass = () => {
  let next = workerData.busyMs;
  try {
    const { busy, log, checkpointed } = checkpoint.get();
    if (!busy && log === checkpointed && log === last) next = workerData.idleMs;
    last = log;
    lastError = '';
  } catch (err) {
    if (err.message !== lastError) parentPort.postMessage(err.message);
    lastError = err.message;
  }
  timer = setTimeout(pass, next);
};
parentPort.on('message', () => { clearTimeout(timer); db.close(); parentPort.close(); });
pass();`;

const SQLITE = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * The native binding built for Electron's ABI that `npm start` names for the main connection (see
 * src-main/shell/better-sqlite3-electron.ts); unset, better-sqlite3 finds its own (Node, or the packaged app's).
 */
const nativeBinding = () => process.env.BUCKETHOOKS_SQLITE_BINDING || undefined;

/** The running checkpointer: `stop` closes its connection (before the main one closes, which checkpoints last). */
export interface Checkpointer { stop(): Promise<void> }

/**
 * Start checkpointing the WAL of `db` (opened by openDb) from a thread; nothing to start when its WAL index is not
 * shared (the main connection checkpoints then). `onError` hears why a pass failed (once per run of the same error).
 */
export function startCheckpointer(db: Db, onError: (message: string) => void): Checkpointer {
  if (!sharesWalIndex(db)) return { stop: async () => {} };
  const file = db.name;
  const workerData = { file, sqlite: SQLITE, nativeBinding: nativeBinding(), busyMs: PASS_MS.busy, idleMs: PASS_MS.idle };
  const worker = new Worker(PROGRAM, { eval: true, execArgv: [], workerData });
  worker.unref();
  worker.on('message', onError);
  worker.on('error', (err) => onError(err.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.ref(); // the process waits for the thread's connection to close
      worker.postMessage('stop');
      await exited;
    },
  };
}
