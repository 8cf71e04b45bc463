// Table-driven tests of the serve flags: defaults, env vars, flags over env, readable refusals.
import { describe, expect, it } from 'vitest';
import { parseServeOptions, UsageError } from '../../src-main/launch/options';

describe('parseServeOptions', () => {
  it.each([
    { argv: [], env: {}, expect: { host: '127.0.0.1', port: 9000, dataDir: './.buckethooks', region: 'ru-msk', confirmMode: 'strict' } },
    { argv: ['--port', '0'], env: {}, expect: { port: 0 } },
    { argv: [], env: { BUCKETHOOKS_PORT: '9100', BUCKETHOOKS_DATA_DIR: '/tmp/x' }, expect: { port: 9100, dataDir: '/tmp/x' } },
    { argv: ['--port', '9200'], env: { BUCKETHOOKS_PORT: '9100' }, expect: { port: 9200 } },
    { argv: ['--confirm', 'record', '--region', 'us-east-1'], env: {}, expect: { confirmMode: 'record', region: 'us-east-1' } },
    { argv: ['--access-key', 'A', '--secret-key', 'S'], env: {}, expect: { accessKey: 'A', secretKey: 'S' } },
    { argv: [], env: { BUCKETHOOKS_ACCESS_KEY: 'A', BUCKETHOOKS_SECRET_KEY: 'S', BUCKETHOOKS_HOST: '127.0.0.2' }, expect: { accessKey: 'A', host: '127.0.0.2' } },
    { argv: ['--inbox-max-mb', '2.5'], env: {}, expect: { inboxMaxMb: 2.5 } },
    { argv: [], env: { BUCKETHOOKS_INBOX_MAX_MB: '500' }, expect: { inboxMaxMb: 500 } },
  ])('$argv with $env', ({ argv, env, expect: expected }) => {
    expect(parseServeOptions(argv, env)).toMatchObject(expected);
  });

  it.each([
    { argv: ['--port', '70000'], message: '--port must be 0..65535, got "70000"' },
    { argv: ['--port', 'abc'], message: '--port must be 0..65535, got "abc"' },
    { argv: ['--confirm', 'maybe'], message: '--confirm must be one of strict, record, off, got "maybe"' },
    { argv: ['--access-key', 'A'], message: '--access-key and --secret-key go together' },
    { argv: ['--inbox-max-mb', '0'], message: '--inbox-max-mb must be a number of MiB above 0, got "0"' },
    { argv: ['--colour'], message: "Unknown option '--colour'" },
  ])('refuses $argv', ({ argv, message }) => {
    expect(() => parseServeOptions(argv, {})).toThrow(UsageError);
    expect(() => parseServeOptions(argv, {})).toThrow(message);
  });
});
