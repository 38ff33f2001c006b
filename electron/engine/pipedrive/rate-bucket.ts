/**
 * One lane's pacing state for the rate governor: a log of our own starts (each with how late it may
 * have reached the server) and a GCRA schedule that spreads starts evenly.
 *
 * The server counts *arrivals* in its rolling window; we only know when we *started* a request. A start
 * is logged with its "latest possible arrival" offset: a small jitter margin plus, once the response is
 * back, how much longer than the recent fastest round trip it took (a request held up on the way there
 * — a stalled event loop, a slow network path — reached the server that much later, and the request
 * one window after it must wait that much longer). A new start's arrival is at least the fastest round
 * trip's outbound share after its start, so aligning "latest arrival of the old" + window with "start of
 * the new" keeps the server's window at or under its limit without idling a whole slot per window.
 */

/** One start in the log. */
export interface LogEntry {
  readonly start: number;
  /** Round trip once the response is back; null while in flight. */
  rtt: number | null;
  /** A phantom start (another client's, learnt from the headers): expires at `start` + window. */
  readonly phantom: boolean;
}

/** How late an entry may have arrived at the server, relative to its start (governor-provided). */
export type ArrivalPad = (entry: LogEntry, now: number) => number;

// Log entries are kept this much longer than the window, for the look-back of a resync.
const KEEP_EXTRA_MS = 1500;

/** See the module comment. */
export class Bucket {
  limit: number;
  remaining: number | null = null;
  resetSeconds: number | null = null;
  /** Start times (and phantom starts of other clients), ascending by start. */
  readonly log: LogEntry[] = [];
  private tat = -Infinity;

  constructor(
    limit: number,
    private readonly windowMs: number,
    private readonly ratio: number,
    private readonly pad: ArrivalPad,
  ) {
    this.limit = limit;
  }

  /** Starts allowed per window: the limit itself (times the ratio, when one is configured). */
  target(): number {
    return Math.max(1, Math.min(this.limit, Math.floor(this.limit * this.ratio)));
  }

  /** The even spacing of starts. */
  interval(): number {
    return this.windowMs / this.target();
  }

  /** Drops entries too old to matter even for the generous look-back of {@link resync}. */
  prune(now: number): void {
    while (this.log.length > 0 && (this.log[0]?.start ?? 0) <= now - this.windowMs - KEEP_EXTRA_MS) {
      this.log.shift();
    }
  }

  /** How many logged starts are newer than `since`. */
  countSince(since: number): number {
    let n = 0;
    for (const entry of this.log) if (entry.start > since) n++;
    return n;
  }

  /** The latest time an entry may have reached the server. */
  private arrival(entry: LogEntry, now: number): number {
    return entry.phantom ? entry.start : entry.start + this.pad(entry, now);
  }

  /** Earliest time a start fits both the log and the schedule. */
  nextSlot(now: number): number {
    this.prune(now);
    const target = this.target();
    let at = now;
    if (this.log.length >= target) {
      // The target-th latest arrival must have left the server's window before the next one arrives.
      const arrivals = this.log.map((e) => this.arrival(e, now)).sort((a, b) => b - a);
      const blocking = arrivals[target - 1];
      if (blocking !== undefined && blocking > now - this.windowMs) at = blocking + this.windowMs;
    }
    // GCRA with a tolerance of half an interval: a start that fires a little late does not push the
    // whole schedule back, so timer lateness does not accumulate into lost throughput.
    const tolerance = this.interval() / 2;
    return Math.max(at, this.tat - tolerance);
  }

  /** Logs a start; returns its entry so the response's round trip can be added to it. */
  record(now: number): LogEntry {
    const entry: LogEntry = { start: now, rtt: null, phantom: false };
    this.log.push(entry);
    this.tat = Math.max(this.tat, now) + this.interval();
    return entry;
  }

  /**
   * Adds phantom starts so our log agrees with a server that has counted more than we sent (another
   * client on the same token). They expire when the server says its window resets, not a whole
   * window from now: with a full window that is often under a second, and waiting 2 s would waste it.
   */
  resync(now: number, lookbackMs: number): void {
    if (this.remaining == null) return;
    const serverUsed = this.limit - this.remaining;
    // Count generously (a longer look-back) so our own delayed requests are not taken for strangers'.
    const ours = this.countSince(now - this.windowMs - lookbackMs);
    if (serverUsed <= ours) return;
    const expiresIn = Math.min(this.windowMs, (this.resetSeconds ?? Infinity) * 1000);
    const at = now - this.windowMs + expiresIn;
    let i = this.log.length;
    while (i > 0 && (this.log[i - 1]?.start ?? 0) > at) i--;
    const phantoms = Array.from({ length: serverUsed - ours }, () => ({
      start: at,
      rtt: null,
      phantom: true,
    }));
    this.log.splice(i, 0, ...phantoms);
  }
}
