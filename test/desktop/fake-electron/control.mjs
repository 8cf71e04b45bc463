// The fake's line to the driver that forked this process (Node IPC): every call into the fake is recorded,
// the driver's requests (`op` + args) are answered, and notable moments are pushed to it as they happen.
const ops = new Map();
/** Every call the app made into the fake, in order, with plain (serialisable) arguments. */
export const calls = [];

/** A deep copy of `value` that survives structured cloning: functions become '[Function name]'. */
export function plain(value) {
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** Record one call into the fake. */
export function record(name, ...args) {
  calls.push({ name, args: plain(args) });
}

/** Tell the driver something happened (no-op when the process was not forked with an IPC channel). */
export function push(type, data) {
  try {
    process.send?.({ kind: 'push', type, data });
  } catch (err) {
    process.send?.({ kind: 'push', type: 'push-failed', data: { type, error: String(err) } });
  }
}

/** Answer the driver's `op` requests with `fn(...args)`. */
export function onRequest(op, fn) {
  ops.set(op, fn);
}

process.on('message', async (msg) => {
  if (!msg || msg.kind !== 'request') return;
  const reply = (body) => process.send?.({ kind: 'reply', id: msg.id, ...body });
  try {
    const fn = ops.get(msg.op);
    if (!fn) throw new Error(`fake electron: unknown request "${msg.op}"`);
    const value = await fn(...(msg.args ?? []));
    try {
      reply({ ok: true, value });
    } catch (err) {
      reply({ ok: false, error: `reply could not be cloned: ${err.message}` });
    }
  } catch (err) {
    reply({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});

/**
 * `target` behind a proxy that throws on members the fake does not provide, so a new Electron call in the shell
 * fails loudly here ("add it to the fake") instead of quietly reading undefined.
 */
export function strict(name, target) {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'symbol' || prop in t || prop === 'then' || prop === 'toJSON') return Reflect.get(t, prop, receiver);
      throw new Error(`fake electron: ${name}.${prop} is not faked (add it under test/desktop/fake-electron)`);
    },
  });
}
