/**
 * The one window: created with the secure webPreferences and the remembered bounds, and every
 * webContents hardened (no navigation away, no new windows, no webviews, no permission prompts).
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Session, Shell, WebContents } from 'electron';
import { DEFAULT_SIZE, MIN_SIZE } from './window-state.ts';
import { allowNavigation, secureWebPreferences, windowOpenDecision } from './security.ts';

/** Options of the main window (pure, for the unit tests). */
export function mainWindowOptions(
  preloadPath: string,
  bounds: { readonly width: number; readonly height: number; readonly x?: number; readonly y?: number },
): BrowserWindowConstructorOptions {
  return {
    width: bounds.width ?? DEFAULT_SIZE.width,
    height: bounds.height ?? DEFAULT_SIZE.height,
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Orgport',
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** Applies the navigation, window-open and webview rules to a webContents. */
export function hardenContents(
  contents: WebContents,
  shell: Pick<Shell, 'openExternal'>,
  devServerUrl?: string,
): void {
  const guard = (event: { preventDefault(): void }, url: string): void => {
    if (!allowNavigation(url, devServerUrl)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
  });
}

/** Refuses every permission a page may ask for (camera, geolocation, notifications from the page…). */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The bounds to remember for a window. */
export function windowStateOf(win: BrowserWindow): {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
} {
  return { ...win.getNormalBounds(), maximized: win.isMaximized() };
}
