/**
 * Time as the rate governor and the retry loop see it, injectable so tests can drive it by hand.
 */
import { PipedriveError } from './errors.ts';

/** A monotonic millisecond clock with one-shot timers. */
export interface Clock {
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels the timer. */
  setTimer(fn: () => void, ms: number): () => void;
}

/** The real clock: `performance.now()` (never jumps with wall-clock changes) and `setTimeout`. */
export const realClock: Clock = {
  now: () => performance.now(),
  setTimer(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(handle);
  },
};

/** The error an aborted wait or request turns into. */
export function cancelledError(method = '-', path = '-'): PipedriveError {
  return new PipedriveError({ kind: 'cancelled', method, path, message: 'Cancelled' });
}

/** Waits `ms` on `clock`; rejects with a `cancelled` {@link PipedriveError} as soon as `signal` aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(cancelledError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      cancel();
      reject(cancelledError());
    };
    const cancel = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
