/**
 * Quitting the desktop app with a job under way: the quit is held until the app core has stopped
 * every running job resumably (requests in flight ended, journal flushed and closed, state.json
 * saying `stopped`, lock released), then let through. A close that hangs must not keep the app open
 * for ever: after a bound the quit goes ahead anyway, which the journal makes safe (every line
 * appended is already with the operating system).
 */

/** The part of Electron's `app` the guard uses. */
export interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/** Options of {@link guardQuit}. */
export interface QuitGuardOptions {
  /** Longest wait for `close` before quitting anyway. Default 15 s. */
  readonly timeoutMs?: number;
}

/**
 * Holds the first quit until `close()` (the app core's, or null while it is not running yet) has
 * finished or timed out, then quits for real.
 */
export function guardQuit(
  app: QuittingApp,
  close: () => Promise<void> | null,
  options: QuitGuardOptions = {},
): void {
  const timeoutMs = options.timeoutMs ?? 15_000;
  let closing: Promise<void> | null = null;
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    if (closing) {
      // A second quit while jobs are stopping (the user insisting): still wait for them.
      event.preventDefault();
      return;
    }
    const pending = close();
    if (!pending) return;
    event.preventDefault();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    closing = Promise.race([pending.catch(() => undefined), bound]).finally(() => {
      clearTimeout(timer);
      closed = true;
      app.quit();
    });
  });
}
