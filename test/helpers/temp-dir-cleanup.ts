// Vitest setup file: a test file's temp folders go when the file ends (Vitest ends a file's worker without its 'exit'
// event). Registered before the file's own hooks, this runs after its afterAll hooks (hooks run in stack order).
import { afterAll } from 'vitest';
import { removeAllTempDirs } from './temp-dir';

afterAll(removeAllTempDirs);
