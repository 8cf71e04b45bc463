// Known notices of dependencies that say nothing to a user on a supported Node, silenced by name where a process
// starts (the CLI entry and `npm start`), before any dependency runs. Warnings in general are never muted.

/**
 * Turn off the AWS SDK's NodeVersionSupportWarning (eight lines on stderr per process on Node 20, which BucketHooks
 * still supports) through the SDK's own switch. An explicit setting in `env` wins.
 */
export function silenceKnownNotices(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
