// `node --import ./register.mjs out/main/index.js`: swaps the `electron` module for this folder's recorded fake
// (a Node module-resolution hook), so the built main bundle runs in plain Node. Nothing else is redirected.
import { register } from 'node:module';

register('./resolve-hook.mjs', import.meta.url);
