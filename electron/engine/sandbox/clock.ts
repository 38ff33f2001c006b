/**
 * The sandbox's clock. Everything time-based (burst windows, the daily budget's midnight, update_time,
 * the 30-day purge) reads it, so a test can move time forward instead of waiting.
 */

/** Wall-clock time plus an offset the test controls, or a frozen time that only `advance` moves. */
export class SandboxClock {
  private offset: number;
  private frozenAt: number | null;

  constructor(manual: boolean, startTime: number | null) {
    const real = Date.now();
    const start = startTime ?? real;
    this.offset = start - real;
    this.frozenAt = manual ? start : null;
  }

  /** Current sandbox time in epoch milliseconds. */
  now(): number {
    return this.frozenAt ?? Date.now() + this.offset;
  }

  /** Moves the clock forward (never backward: windows and budgets assume time only grows). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError('advanceClock needs a non-negative number of ms');
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offset += ms;
  }
}
