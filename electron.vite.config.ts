// electron-vite build of the desktop app: main (src-main/index.ts, ESM), preload (src-preload/index.ts, CommonJS
// because sandboxed preloads cannot be ES modules) and the renderer (src-renderer, Vue), all under out/.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    // Electron's main process loads better-sqlite3 through a shim that picks the Electron-ABI binding.
    resolve: { alias: [{ find: /^better-sqlite3$/, replacement: resolve(root, 'src-main/shell/better-sqlite3-electron.ts') }] },
    build: {
      externalizeDeps: { exclude: ['better-sqlite3'] },
      outDir: resolve(root, 'out/main'),
      lib: { entry: resolve(root, 'src-main/index.ts'), formats: ['es'] },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      lib: { entry: resolve(root, 'src-preload/index.ts'), formats: ['cjs'] },
      rollupOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [vue()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
});
