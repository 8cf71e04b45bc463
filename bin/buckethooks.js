#!/usr/bin/env node
// The `buckethooks` bin: runs the built CLI (out/node/cli.js, made by `npm run build:node` and shipped in the
// package), plain JavaScript with no TypeScript compiler at run time. From the sources: `npm run serve`.
import { existsSync } from 'node:fs';

const cli = new URL('../out/node/cli.js', import.meta.url);
if (existsSync(cli)) {
  await import(cli.href);
} else {
  process.stderr.write('buckethooks: out/node/cli.js is missing: run `npm run build:node` first (or `npm run serve` from the sources)\n');
  process.exitCode = 1;
}
