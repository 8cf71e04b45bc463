// Build of the Node side for the published package: the programmatic API (out/node/index.js + index.d.ts) and the
// CLI the bin runs (out/node/cli.js), ES modules for Node 20. Dependencies stay external (npm installs them).
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src-main/devkit/index.ts', cli: 'src-main/cli.ts' },
  outDir: 'out/node',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  splitting: true,
  clean: true,
  dts: { entry: { index: 'src-main/devkit/declarations.ts' } },
  tsconfig: 'tsconfig.node.json',
  // Vite builds the UI only in a source checkout without out/renderer; the package ships the built UI instead.
  external: ['vite'],
  removeNodeProtocol: false,
});
