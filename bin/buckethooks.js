#!/usr/bin/env node
// The `buckethooks` bin. Installed from the package it runs the built CLI (out/node/cli.js): plain JavaScript, no
// TypeScript compiler at run time. In a source checkout (src-main/ beside it) it runs the sources through tsx.
import { existsSync } from 'node:fs';

const sources = new URL('../src-main/cli.ts', import.meta.url);
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
} else {
  await import(new URL('../out/node/cli.js', import.meta.url).href);
}
