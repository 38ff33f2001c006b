/**
 * The desktop window's security decisions, as pure functions the unit tests check with `electron`
 * mocked: what the window may load, where it may navigate, which frames may call the API, and the
 * webPreferences every window is created with.
 */

/** The privileged scheme the renderer is served from (a file:// page would share its origin with every file). */
export const APP_SCHEME = 'orgport';

/** The host part of the app's URLs: `orgport://app/index.html`. */
export const APP_HOST = 'app';

/** The page the window opens. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The webPreferences of the one window: isolated, sandboxed, no Node, no webviews. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  } as const;
}

/** True for a URL of our own renderer (the app scheme, or the dev server's origin during development). */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl) {
    try {
      return parsed.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

/** The facts about the frame that sent an IPC message. */
export interface SenderFacts {
  readonly url: string | undefined;
  /** True when the frame is the top frame of our window (not an iframe inside it). */
  readonly isMainFrame: boolean;
  /** True when it belongs to the window we created. */
  readonly isOurWindow: boolean;
}

/** The parts of an IPC event {@link senderFactsOf} reads (structural, so tests need no Electron). */
export interface SenderEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/**
 * The facts about the frame behind an IPC message. Only the top frame has no parent, so an iframe
 * inside our page (whatever its origin) is never the main frame. A frame that is gone (navigated away
 * or destroyed: Electron then throws on access, or gives no frame) yields no URL, which is refused.
 */
export function senderFactsOf(event: SenderEvent, ourContentsId: number | null): SenderFacts {
  const isOurWindow = ourContentsId !== null && event.sender.id === ourContentsId;
  try {
    const frame = event.senderFrame;
    if (frame === null) return { url: undefined, isMainFrame: false, isOurWindow };
    return { url: frame.url, isMainFrame: frame.parent === null, isOurWindow };
  } catch {
    return { url: undefined, isMainFrame: false, isOurWindow };
  }
}

/** IPC is answered only for the top frame of our window showing our own page. */
export function isTrustedSender(sender: SenderFacts, devServerUrl?: string): boolean {
  return (
    sender.isOurWindow && sender.isMainFrame && sender.url !== undefined && isAppUrl(sender.url, devServerUrl)
  );
}

/** What to do with an attempted navigation: only in-app (hash/route) changes stay in the window. */
export function allowNavigation(targetUrl: string, devServerUrl?: string): boolean {
  return isAppUrl(targetUrl, devServerUrl);
}

/**
 * `window.open` and `target=_blank` never open an Electron window. An https link (help pages) goes to
 * the user's browser; anything else is dropped.
 */
export function windowOpenDecision(url: string): {
  readonly action: 'deny';
  readonly openExternally: string | null;
} {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { action: 'deny', openExternally: null };
  }
  return { action: 'deny', openExternally: parsed.protocol === 'https:' ? parsed.href : null };
}
