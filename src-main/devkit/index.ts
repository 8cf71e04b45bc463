// The published package's entry point (`import { startBucketHooks, checkReceiver } from 'buckethooks'`): the programmatic API,
// built by tsup into out/node/index.js; its index.d.ts comes from declarations.ts.
export { startBucketHooks } from './start-bucket-hooks';
export { checkReceiver } from './check-receiver';
