// Electron main entry (built by electron-vite into out/main/index.js): hands over to the desktop shell.
// Everything app-specific lives in src-main/shell; the S3/delivery engine in src-main/core.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDesktopApp } from './shell/desktop-app';

runDesktopApp(dirname(fileURLToPath(import.meta.url)));
