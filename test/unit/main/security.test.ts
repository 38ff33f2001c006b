import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const {
  allowNavigation,
  APP_ENTRY_URL,
  isAppUrl,
  isTrustedSender,
  secureWebPreferences,
  windowOpenDecision,
} = await import('../../../electron/main/security.ts');
const { appResponseHeaders, resolveAppFile } = await import('../../../electron/main/app-protocol.ts');

describe('window security decisions', () => {
  it('creates windows isolated, sandboxed, without Node and without webviews', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('knows our own pages', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('orgport://app/index.html#/history')).toBe(true);
    expect(isAppUrl('orgport://other/index.html')).toBe(false);
    expect(isAppUrl('https://evil.example/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('blocks navigation away from the app', () => {
    expect(allowNavigation('orgport://app/index.html#/export')).toBe(true);
    expect(allowNavigation('https://pipedrive.com')).toBe(false);
    expect(allowNavigation('javascript:alert(1)')).toBe(false);
  });

  it('never opens a window; https links go to the browser', () => {
    expect(windowOpenDecision('https://developers.pipedrive.com/')).toEqual({
      action: 'deny',
      openExternally: 'https://developers.pipedrive.com/',
    });
    expect(windowOpenDecision('file:///bin/sh')).toEqual({ action: 'deny', openExternally: null });
    expect(windowOpenDecision('http://insecure.example')).toEqual({ action: 'deny', openExternally: null });
    expect(windowOpenDecision('not a url')).toEqual({ action: 'deny', openExternally: null });
  });

  it('answers IPC only from the top frame of our window showing our page', () => {
    const good = { url: APP_ENTRY_URL, isMainFrame: true, isOurWindow: true };
    expect(isTrustedSender(good)).toBe(true);
    expect(isTrustedSender({ ...good, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...good, isOurWindow: false })).toBe(false);
    expect(isTrustedSender({ ...good, url: 'https://evil.example/' })).toBe(false);
    expect(isTrustedSender({ ...good, url: undefined })).toBe(false);
  });
});

describe('the app protocol', () => {
  it('serves files of the renderer folder only', () => {
    expect(resolveAppFile('orgport://app/', '/r')).toBe('/r/index.html');
    expect(resolveAppFile('orgport://app/assets/a.js', '/r')).toBe('/r/assets/a.js');
    expect(resolveAppFile('orgport://app/%2e%2e/%2e%2e/etc/passwd', '/r')).toBe('/r/etc/passwd');
    expect(resolveAppFile('orgport://app/..%2f..%2fetc%2fpasswd', '/r')).toBeNull();
    expect(resolveAppFile('orgport://app/a%5c..%5cb', '/r')).toBeNull();
    expect(resolveAppFile('orgport://other/index.html', '/r')).toBeNull();
    expect(resolveAppFile('https://app/index.html', '/r')).toBeNull();
  });

  it('sends a strict Content-Security-Policy', () => {
    const csp = appResponseHeaders()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});
