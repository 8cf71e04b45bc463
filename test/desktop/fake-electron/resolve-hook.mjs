// Module-resolution hook (runs on Node's loader thread): `electron` and `electron/main` resolve to the fake.
const FAKE = new URL('./electron.mjs', import.meta.url).href;

/** Node resolve hook: everything but electron passes through unchanged. */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron' || specifier === 'electron/main') return { url: FAKE, shortCircuit: true };
  return nextResolve(specifier, context);
}
