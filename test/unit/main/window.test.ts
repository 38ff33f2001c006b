import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { denyAllPermissions, hardenContents, mainWindowOptions } =
  await import('../../../electron/main/window.ts');
const { parseWindowState, restoreBounds, DEFAULT_SIZE } =
  await import('../../../electron/main/window-state.ts');

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    listeners,
    open: (url: string) => openHandler?.({ url }),
    on: vi.fn((name: string, listener: (event: { preventDefault(): void }, url?: string) => void) => {
      listeners.set(name, listener);
    }),
    setWindowOpenHandler: vi.fn((handler: (details: { url: string }) => { action: string }) => {
      openHandler = handler;
    }),
  };
}

describe('the main window', () => {
  it('is created with the secure webPreferences, remembered bounds and a minimum size', () => {
    const options = mainWindowOptions('/p.cjs', { width: 1400, height: 900, x: 10, y: 20 });
    expect(options).toMatchObject({ width: 1400, height: 900, x: 10, y: 20, minWidth: 960, show: false });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });

  it('blocks navigation away, webviews and new windows', () => {
    const contents = fakeContents();
    const shell = { openExternal: vi.fn(async () => undefined) };
    hardenContents(contents as never, shell);
    const navigate = (name: string, url: string) => {
      const event = { preventDefault: vi.fn() };
      contents.listeners.get(name)?.(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'orgport://app/index.html#/history')).toBe(false);
    expect(navigate('will-attach-webview', '')).toBe(true);
    expect(contents.open('https://help.example/')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://help.example/');
    expect(contents.open('file:///bin/sh')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('refuses every permission request', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    denyAllPermissions(session as never);
    const callback = vi.fn();
    session.setPermissionRequestHandler.mock.calls[0]?.[0]({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.setPermissionCheckHandler.mock.calls[0]?.[0]()).toBe(false);
  });
});

describe('window bounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

  it('restores saved bounds that are on a display', () => {
    expect(restoreBounds({ x: 100, y: 50, width: 1300, height: 850, maximized: true }, screen)).toEqual({
      x: 100,
      y: 50,
      width: 1300,
      height: 850,
      maximized: true,
    });
  });

  it('falls back to the default when the window would be off-screen', () => {
    expect(restoreBounds({ x: 5000, y: 50, width: 1300, height: 850, maximized: false }, screen)).toEqual({
      ...DEFAULT_SIZE,
      maximized: false,
    });
    expect(restoreBounds(null, screen)).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('reads only well-formed saved state', () => {
    expect(parseWindowState({ x: 1, y: 2, width: 3, height: 4 })).toEqual({
      x: 1,
      y: 2,
      width: 3,
      height: 4,
      maximized: false,
    });
    expect(parseWindowState({ x: 'a' })).toBeNull();
    expect(parseWindowState(null)).toBeNull();
  });
});
