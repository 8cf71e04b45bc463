// Lint: typescript-eslint's recommended rules plus the layer rules of DESIGN.md (pure core, no console).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'bench/results/**', '**/*.vue'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly',
      clearTimeout: 'readonly', setImmediate: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', fetch: 'readonly',
      window: 'readonly', document: 'readonly', AbortController: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-main/**/*.ts', 'src-preload/**/*.ts', 'src-renderer/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'electron/*'], message: 'The core is pure Node: no electron imports.' },
        { group: ['**/shell/**', '**/src-renderer/**', '**/cli/**'], message: 'Nothing below imports from above.' },
      ] }],
    },
  },
  {
    files: ['src-renderer/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'node:*', '**/src-main/**'], message: 'The renderer talks only to AppApi.' },
      ] }],
    },
  },
);
