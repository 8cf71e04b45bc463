// The main window keeps its security settings; navigation and window.open are locked to our origin.
import { describe, expect, it } from 'vitest';
import { buildCsp, buildWindowOptions } from '../../src-main/shell/window-options';
import { decideNavigation, decideWindowOpen } from '../../src-main/shell/navigation-policy';
import { APP_ORIGIN, resolveRendererFile } from '../../src-main/shell/renderer-files';

describe('buildWindowOptions', () => {
  it('isolates and sandboxes the renderer with our preload', () => {
    const prefs = buildWindowOptions('/app/out/preload/index.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });
});

describe('buildCsp', () => {
  it('allows only our own origin for scripts and connections', () => {
    const csp = buildCsp();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
  it('adds the dev server and its HMR websocket only in dev', () => {
    const csp = buildCsp({ devServer: 'http://localhost:5173' });
    expect(csp).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173;");
    expect(buildCsp()).toContain("connect-src 'self';");
  });
  it('lets the renderer reach the local S3 endpoint for presigned uploads, nothing else', () => {
    const csp = buildCsp({ s3Endpoint: 'http://127.0.0.1:9000' });
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:9000;");
    expect(csp).not.toMatch(/\*/);
  });
});

describe('navigation policy', () => {
  it.each([
    ['app://bucket-hooks/index.html#/buckets', 'allow'],
    ['https://vk.com/', 'open-external'],
    ['http://127.0.0.1:9000/bucket/key?X-Amz-Signature=1', 'download'],
    ['http://127.0.0.1:9001/other', 'open-external'],
    ['file:///etc/passwd', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['not a url', 'deny'],
  ])('in-window navigation to %s → %s', (url, decision) => {
    expect(decideNavigation(url, APP_ORIGIN, 'http://127.0.0.1:9000')).toBe(decision);
  });
  it('window.open never allows a new app window', () => {
    expect(decideWindowOpen(`${APP_ORIGIN}/index.html`)).toBe('deny');
    expect(decideWindowOpen('https://docs.aws.amazon.com/')).toBe('open-external');
    expect(decideWindowOpen('http://127.0.0.1:9000/b/k?X-Amz-Signature=1', 'http://127.0.0.1:9000')).toBe('download');
  });
});

describe('resolveRendererFile', () => {
  const root = '/srv/out/renderer';
  it.each([
    ['app://bucket-hooks/index.html', '/srv/out/renderer/index.html'],
    ['app://bucket-hooks/', '/srv/out/renderer/index.html'],
    ['app://bucket-hooks/buckets/photos', '/srv/out/renderer/index.html'],
    ['app://bucket-hooks/assets/app-1.js', '/srv/out/renderer/assets/app-1.js'],
    ['app://bucket-hooks/_ui/assets/app-1.js', '/srv/out/renderer/assets/app-1.js'],
    ['app://bucket-hooks/_ui/', '/srv/out/renderer/index.html'],
    ['app://bucket-hooks/..%2f..%2fmain%2findex.js', undefined],
    ['app://bucket-hooks/%2e%2e/preload/index.cjs', '/srv/out/renderer/preload/index.cjs'],
    ['app://other/index.html', undefined],
    ['file:///srv/out/renderer/index.html', undefined],
  ])('%s → %s', (url, file) => {
    expect(resolveRendererFile(root, url)).toBe(file);
  });
});
