/**
 * Issue 8 part 6, the desktop side. Already covered elsewhere (not repeated here):
 * test/unit/main/security.test.ts (secureWebPreferences, isAppUrl, allowNavigation for an https URL
 * and `javascript:`, windowOpenDecision, isTrustedSender's pure decision, the app protocol's path
 * lookup and CSP), test/unit/main/window.test.ts (will-navigate / will-redirect / will-attach-webview,
 * the window-open handler, denyAllPermissions for 'media'), test/unit/main/ipc.test.ts (an untrusted
 * sender gets the refusal and the handler never runs).
 * Added here: the window is created with *exactly* the secure preferences; the CSP parsed directive
 * by directive (no eval, no inline, no remote or wildcard source anywhere, in the app and the bridge);
 * navigation to every kind of foreign or tricky URL; window.open for each scheme; every permission
 * name and the permission check; and the IPC sender check end to end, from an Electron-shaped event
 * (iframes of any origin, other windows, a navigated-away or destroyed frame) to the handler.
 */
import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, type InvokeHandlers } from '../../shared/ipc.ts';
import { rendererCsp } from '../../electron/engine/app/csp.ts';

vi.mock('electron', () => ({}));

const { APP_ENTRY_URL, isTrustedSender, secureWebPreferences, senderFactsOf } =
  await import('../../electron/main/security.ts');
const { denyAllPermissions, hardenContents, mainWindowOptions } =
  await import('../../electron/main/window.ts');
const { appResponseHeaders } = await import('../../electron/main/app-protocol.ts');
const { registerInvokeHandlers, UNTRUSTED_SENDER } = await import('../../electron/main/ipc.ts');

/** A CSP header as directive → sources. */
function parseCsp(header: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

function expectStrictCsp(header: string, extraConnect: ReadonlyArray<string>): void {
  const csp = parseCsp(header);
  expect(csp.get('default-src')).toEqual(["'none'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('form-action')).toEqual(["'none'"]);
  // No frame-src/child-src/worker-src widening: they fall back to default-src 'none'.
  for (const name of ['frame-src', 'child-src', 'worker-src', 'script-src-elem', 'script-src-attr']) {
    expect(csp.has(name), name).toBe(false);
  }
  expect(csp.get('connect-src')).toEqual(["'self'", ...extraConnect]);
  for (const [name, sources] of csp) {
    for (const source of sources) {
      expect(source, `${name} ${source}`).not.toMatch(
        /unsafe|\*|^https?:|^blob:|^filesystem:|nonce-|sha\d+-/i,
      );
      if (source.startsWith('ws:')) expect(source).toMatch(/^ws:\/\/(127\.0\.0\.1|localhost):\d+$/);
    }
  }
}

describe('the desktop window', () => {
  it('is created with exactly the secure webPreferences', () => {
    const prefs = mainWindowOptions('/app/preload.cjs', { width: 1200, height: 800 }).webPreferences;
    expect(prefs).toEqual(secureWebPreferences('/app/preload.cjs'));
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
  });

  it('runs under a CSP with no eval, no inline script and no remote source (app and bridge)', () => {
    expectStrictCsp(appResponseHeaders()['content-security-policy'] ?? '', []);
    const bridge = ['ws://127.0.0.1:4567', 'ws://localhost:4567'];
    expectStrictCsp(rendererCsp(bridge), bridge);
    // The check itself bites: a policy with eval or a CDN fails it.
    expect(() =>
      expectStrictCsp(rendererCsp().replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"), []),
    ).toThrow();
    expect(() => expectStrictCsp(rendererCsp(['https://cdn.example']), ['https://cdn.example'])).toThrow();
  });

  it('blocks navigation to every foreign or tricky URL, in production and with a dev server', () => {
    const foreign = [
      'https://evil.example/',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'orgport://evil/index.html',
      'orgport://app@evil.example/',
      'orgport://app.evil.example/',
      'data:text/html,<script>alert(1)</script>',
      'javascript:alert(1)',
      'about:blank',
      'chrome://gpu',
      'devtools://devtools/bundled/inspector.html',
      'blob:orgport://app/1234',
      'not a url',
    ];
    for (const dev of [undefined, 'http://localhost:5173']) {
      const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
      const contents = {
        on: (name: string, listener: (event: { preventDefault(): void }, url: string) => void) =>
          void listeners.set(name, listener),
        setWindowOpenHandler: () => undefined,
      };
      hardenContents(contents as never, { openExternal: async () => undefined }, dev);
      const blocked = (name: string, url: string) => {
        const preventDefault = vi.fn();
        listeners.get(name)?.({ preventDefault }, url);
        return preventDefault.mock.calls.length > 0;
      };
      for (const url of [...foreign, 'http://localhost:5174/']) {
        expect(blocked('will-navigate', url), `${dev} ${url}`).toBe(true);
        expect(blocked('will-redirect', url), `${dev} ${url}`).toBe(true);
      }
      expect(blocked('will-navigate', APP_ENTRY_URL)).toBe(false);
      expect(blocked('will-navigate', 'http://localhost:5173/#/export')).toBe(dev === undefined);
    }
  });

  it('denies window.open for every URL; only https goes to the browser', () => {
    let handler: ((details: { url: string }) => { action: string }) | undefined;
    const openExternal = vi.fn(async () => undefined);
    hardenContents(
      {
        on: () => undefined,
        setWindowOpenHandler: (h: typeof handler) => void (handler = h),
      } as never,
      { openExternal },
    );
    const urls = [
      APP_ENTRY_URL,
      'https://developers.pipedrive.com/docs',
      'http://evil.example/',
      'file:///bin/sh',
      'javascript:alert(1)',
      'data:text/html,x',
      'smb://evil.example/share',
      'ms-msdt:/id PCWDiagnostic',
      'about:blank',
    ];
    for (const url of urls) expect(handler?.({ url }), url).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://developers.pipedrive.com/docs']]);
  });

  it('refuses every permission request and every permission check', () => {
    let request:
      ((contents: unknown, permission: string, callback: (ok: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (h: typeof request) => void (request = h),
      setPermissionCheckHandler: (h: typeof check) => void (check = h),
    } as never);
    const permissions = [
      'clipboard-read',
      'clipboard-sanitized-write',
      'media',
      'geolocation',
      'notifications',
      'midi',
      'midiSysex',
      'pointerLock',
      'fullscreen',
      'openExternal',
      'fileSystem',
      'hid',
      'serial',
      'usb',
      'display-capture',
      'unknown',
    ];
    for (const permission of permissions) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(check?.({}, permission, 'orgport://app', {})).toBe(false);
    }
  });
});

describe('IPC sender checks, from the Electron event to the handler', () => {
  const OUR_CONTENTS = 7;
  const handlers = Object.fromEntries(
    INVOKE_CHANNELS.map((c) => [c, vi.fn(async () => 'ran')]),
  ) as unknown as InvokeHandlers;

  function listener(devServer?: string) {
    const registered = new Map<string, (event: unknown, args: unknown) => Promise<unknown>>();
    registerInvokeHandlers(
      { handle: (channel: string, fn: never) => void registered.set(channel, fn) } as never,
      handlers,
      (event) => isTrustedSender(senderFactsOf(event as never, OUR_CONTENTS), devServer),
    );
    return registered.get('connection/list');
  }

  const top = { url: APP_ENTRY_URL, parent: null };
  const event = (senderId: number, senderFrame: unknown) => ({ sender: { id: senderId }, senderFrame });

  it('answers the top frame of our window on our page', async () => {
    expect(await listener()?.(event(OUR_CONTENTS, top), undefined)).toEqual({ ok: true, value: 'ran' });
  });

  it('refuses frames from another origin, our origin in an iframe, other windows and dead frames', async () => {
    const dying = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    const refused: Array<[string, unknown]> = [
      ['iframe from another origin', event(OUR_CONTENTS, { url: 'https://evil.example/', parent: top })],
      ['iframe of our own page', event(OUR_CONTENTS, { url: APP_ENTRY_URL, parent: top })],
      ['srcdoc / about:blank iframe', event(OUR_CONTENTS, { url: 'about:srcdoc', parent: top })],
      ['top frame navigated away', event(OUR_CONTENTS, { url: 'https://evil.example/', parent: null })],
      ['file page', event(OUR_CONTENTS, { url: 'file:///tmp/x.html', parent: null })],
      ['another window on our page', event(OUR_CONTENTS + 1, top)],
      ['frame gone', event(OUR_CONTENTS, null)],
      ['frame disposed', event(OUR_CONTENTS, dying)],
      [
        'dev server origin in production',
        event(OUR_CONTENTS, { url: 'http://localhost:5173/', parent: null }),
      ],
    ];
    const before = vi.mocked(handlers['connection/list']).mock.calls.length;
    for (const [what, e] of refused) expect(await listener()?.(e, undefined), what).toEqual(UNTRUSTED_SENDER);
    expect(vi.mocked(handlers['connection/list']).mock.calls.length).toBe(before);
    // With no window open, nothing is ours.
    expect(isTrustedSender(senderFactsOf(event(OUR_CONTENTS, top) as never, null))).toBe(false);
  });

  it('accepts the dev server only during development, and only its exact origin', async () => {
    const dev = listener('http://localhost:5173');
    const at = (url: string) => dev?.(event(OUR_CONTENTS, { url, parent: null }), undefined);
    expect(await at('http://localhost:5173/#/import')).toEqual({ ok: true, value: 'ran' });
    expect(await at('http://localhost:5174/')).toEqual(UNTRUSTED_SENDER);
    expect(await at('http://localhost.evil.example:5173/')).toEqual(UNTRUSTED_SENDER);
  });
});
