// Lint: typescript-eslint's recommended rules plus the layer rules of DESIGN.md (pure core, no console,
// nothing below imports from above: storage, notifications, delivery and inbox never reach s3/ or api/;
// the shell and the CLI share start-up through src-main/launch and never import each other; the kernel and the
// model import no service; src-shared/ imports no Node, Electron or app folder; only the preload build uses src-preload/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';

/** What no file of the core imports: Electron and the layers above the core. */
const PURE_CORE = [
  { group: ['electron', 'electron/*'], message: 'The core is pure Node: no electron imports.' },
  { group: ['**/shell/**', '**/src-renderer/**', '**/cli/**'], message: 'Nothing below imports from above.' },
];

/** The headless CLI and the launch module run under plain Node. */
const NO_ELECTRON = { group: ['electron', 'electron/*', '**/shell', '**/shell/**'], message: 'Plain Node here: no electron, no shell.' };

/** Start-up shared by the shell and the CLI lives in src-main/launch; nothing imports the CLI's commands. */
const NO_CLI = { group: ['**/cli', '**/cli/**'], message: 'Shared start-up lives in src-main/launch, not cli/.' };

/** What the domain services do not import: the protocol and app API layers built on them. */
const DOMAIN_LAYER = [
  { group: ['**/s3', '**/s3/**', '**/api', '**/api/**'],
    message: 'Domain services (storage, notifications, delivery, inbox) never import s3/ or api/: throw CoreError, let the protocol map it.' },
];

/** Notifications and delivery meet only through core/model/ (hook-directory.ts, outbox-entry.ts). */
const ONLY_THE_DIRECTORY = (other) => ({ group: [`**/${other}`, `**/${other}/**`],
  message: 'notifications/ and delivery/ meet only through core/model/ (hook-directory.ts, outbox-entry.ts).' });

/** The core's services and hosts, which the kernel (clock, logger, errors, config, durability) and the model sit under. */
const SERVICES = ['api', 'http', 'storage', 's3', 'notifications', 'delivery', 'inbox', 'remote', 'backfill', 'settings',
  'realism', 'db', 'model'];
const BELOW_SERVICES = (allowed) => ({ group: SERVICES.filter((f) => !allowed.includes(f)).flatMap((f) => [`**/core/${f}`, `**/core/${f}/**`, `../${f}`, `../${f}/**`, `../../${f}/**`]),
  message: 'The kernel and the model sit under every service: they import none.' });

/** Node's built-in modules, which shared code (run by the renderer too) never imports. */
const NODE_BUILTINS = ['node:*', 'fs', 'path', 'crypto', 'os', 'http', 'https', 'net', 'url', 'stream', 'child_process',
  'events', 'util', 'buffer', 'zlib', 'worker_threads'];

/** Nothing but the preload build reaches into src-preload/: shared code lives in src-shared/. */
const NO_PRELOAD = { group: ['**/src-preload', '**/src-preload/**'], message: 'Shared code lives in src-shared/; src-preload/ holds only the preload script.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'bench/results/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended-error'],
  {
    // Vue's recommended rules without its line-layout ones (templates keep short elements on one line);
    // vue-tsc checks names, so no-undef is off as typescript-eslint turns it off for .ts.
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
    rules: {
      ...vue.configs['no-layout-rules'].rules,
      'no-undef': 'off',
    },
  },
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
    files: ['src-main/**/*.ts', 'src-shared/**/*.ts', 'src-preload/**/*.ts', 'src-renderer/**/*.{ts,vue}'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...PURE_CORE, NO_PRELOAD] }] },
  },
  {
    files: ['src-main/core/kernel/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...PURE_CORE, NO_PRELOAD, BELOW_SERVICES([])] }] },
  },
  {
    files: ['src-main/core/model/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...PURE_CORE, NO_PRELOAD, BELOW_SERVICES(['model'])] }] },
  },
  {
    files: ['src-main/core/{storage,inbox,remote,backfill,settings,check,health}/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...PURE_CORE, ...DOMAIN_LAYER] }] },
  },
  {
    // Payload flavours sit below both notifications/ (what is stored) and delivery/ (what is posted): they import neither.
    files: ['src-main/core/payloads/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...PURE_CORE, NO_PRELOAD, ...DOMAIN_LAYER,
      { group: ['**/notifications', '**/notifications/**', '**/delivery', '**/delivery/**'],
        message: 'payloads/ is below notifications/ and delivery/: it imports neither.' }] }] },
  },
  {
    files: ['src-main/core/delivery/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...PURE_CORE, ...DOMAIN_LAYER, ONLY_THE_DIRECTORY('notifications')] }] },
  },
  {
    files: ['src-main/core/notifications/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...PURE_CORE, ...DOMAIN_LAYER, ONLY_THE_DIRECTORY('delivery')] }] },
  },
  {
    files: ['src-main/shell/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_CLI, NO_PRELOAD] }] },
  },
  {
    files: ['src-main/cli/**/*.ts', 'src-main/cli.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_ELECTRON, NO_PRELOAD] }] },
  },
  {
    // The programmatic API of the package starts cores through the launch module, like the CLI and the shell.
    files: ['src-main/launch/**/*.ts', 'src-main/devkit/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_ELECTRON, NO_CLI, NO_PRELOAD] }] },
  },
  {
    files: ['src-renderer/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'node:*', '**/src-main/**'], message: 'The renderer talks only to AppApi.' }, NO_PRELOAD,
      ] }],
    },
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/src-main/**', '**/src-renderer/**'], message: 'The preload script uses only the shared contract.' },
      ] }],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: [...NODE_BUILTINS, 'electron', 'electron/*', '**/src-main/**', '**/src-renderer/**', '**/src-preload/**'],
          message: 'src-shared/ is plain TypeScript that main, preload and renderer all run: no Node, no Electron, no app folder.' },
      ] }],
    },
  },
  {
    files: ['src-main/index.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'fuzz/**/*.ts', 'soak/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_PRELOAD] }] },
  },
);
