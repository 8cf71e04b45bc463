// The dialog's receiver starter code: the three files of examples/receivers as they are in the repo, with the
// hook's URL and secret written over their placeholders as one string literal each, whatever characters they hold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { receiverStarters, starterEnv } from '../../src-renderer/src/lib/receiver-starter';
import { STARTER_PLACEHOLDERS, fillStarter } from '../../src-renderer/src/lib/starter-fill';

const ROOT = join(import.meta.dirname, '../..');
const FILES = { Node: 'node/receiver.mjs', Python: 'python/receiver.py', Go: 'go/main.go' };
const repoFile = (language: string) => readFileSync(join(ROOT, 'examples/receivers', FILES[language as keyof typeof FILES]), 'utf8');

describe('receiver starters', () => {
  it('shows the repo files themselves when nothing is typed yet', () => {
    const starters = receiverStarters({ url: '', secret: '' });
    expect(starters.map((s) => s.language)).toEqual(['Node', 'Python', 'Go']);
    for (const s of starters) expect(s.source, s.language).toBe(repoFile(s.language));
  });

  it('runs an sns starter trusting this server\'s certificate URL, and others with no environment', () => {
    const sns = receiverStarters({ url: '', secret: '' }, starterEnv('sns', 'http://127.0.0.1:9000/'));
    expect(sns.map((s) => s.run)).toEqual([
      'SNS_CERT_URL_PREFIXES=http://127.0.0.1:9000/_sns/ node receiver.mjs',
      'SNS_CERT_URL_PREFIXES=http://127.0.0.1:9000/_sns/ python3 receiver.py',
      'SNS_CERT_URL_PREFIXES=http://127.0.0.1:9000/_sns/ go run main.go',
    ]);
    expect(receiverStarters({ url: '', secret: '' }, starterEnv('vk', 'http://127.0.0.1:9000')).map((s) => s.run)[0]).toBe('node receiver.mjs');
    expect(receiverStarters({ url: '', secret: '' }, { A: "it's x" })[0].run).toBe(`A='it'\\''s x' node receiver.mjs`);
  });

  it('every file defaults to both placeholders exactly once', () => {
    for (const language of Object.keys(FILES)) {
      for (const literal of Object.values(STARTER_PLACEHOLDERS)) expect(repoFile(language).split(literal), `${language} ${literal}`).toHaveLength(2);
    }
  });

  it('fills the URL and secret typed in the dialog and nothing else', () => {
    const values = { url: 'http://127.0.0.1:9123/hooks/in', secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=' };
    for (const s of receiverStarters(values)) {
      expect(s.source, s.language).toContain('"http://127.0.0.1:9123/hooks/in"');
      expect(s.source, s.language).toContain('"whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ="');
      expect(s.source.replace('"http://127.0.0.1:9123/hooks/in"', STARTER_PLACEHOLDERS.url)
        .replace('"whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ="', STARTER_PLACEHOLDERS.secret)).toBe(repoFile(s.language));
    }
  });

  it.each([
    ['a quote and a backslash', 'http://h/"x\\y', '"http://h/\\"x\\\\y"'],
    ['unicode', 'http://h/ключ', '"http://h/ключ"'],
  ])('keeps a URL with %s one string literal', (_what, url, literal) => {
    expect(fillStarter(`u = ${STARTER_PLACEHOLDERS.url}`, { url, secret: '' })).toBe(`u = ${literal}`);
  });

  it('keeps the secret placeholder when no secret is typed (a saved one is never fetched back)', () => {
    expect(fillStarter(`s = ${STARTER_PLACEHOLDERS.secret}`, { url: 'http://h/', secret: '' })).toBe(`s = ${STARTER_PLACEHOLDERS.secret}`);
  });
});
