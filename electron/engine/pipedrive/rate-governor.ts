/**
 * The rate governor: one per Pipedrive identity (base URL + credential), shared by every request of
 * every client made for it. It decides when a request may *start*, so the burst limit (a rolling 2-s
 * window per token) is approached but not crossed, and it learns from every response's headers.
 *
 * Pacing has three gates per lane: a sliding log of start times (hard cap: at most `target` starts in
 * any window), a GCRA schedule that spreads starts evenly (bunched starts + network jitter are what
 * push a server-side window over), and an AIMD concurrency cap. Search has its own 10-per-2-s lane and
 * also counts against the general one (whether it does on Pipedrive is unconfirmed; assuming it does is
 * the safe side). Pure logic over an injectable {@link Clock}.
 */
import { realClock, sleep, type Clock } from './clock.ts';
import { PipedriveError } from './errors.ts';
import type { RateHeaders } from './rate-headers.ts';
import type { RateLane } from './token-costs.ts';

/** Tuning knobs; the defaults suit Pipedrive's documented limits. */
export interface RateGovernorOptions {
  clock?: Clock;
  /** The server's rolling window. */
  windowMs?: number;
  /** Added to the window in our own log, to absorb start→arrival jitter. */
  safetyMarginMs?: number;
  /** Share of the advertised limit we aim for (always at least one below the limit). */
  targetRatio?: number;
  /** Assumed general limit until a response says otherwise (the smallest API-token plan). */
  initialLimit?: number;
  /** Search's own limit (10 per 2 s on every plan). */
  searchLimit?: number;
  maxConcurrency?: number;
  minConcurrency?: number;
  /** First step and cap of the exponential backoff used when a 429 names no wait. */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** After a budget stop, requests fail fast for this long before one probes again. */
  budgetProbeIntervalMs?: number;
  random?: () => number;
}

/** A granted start; hand it back to {@link RateGovernor.release} exactly once. */
export interface Permit {
  readonly lane: RateLane;
  readonly startedAt: number;
  released: boolean;
}

/** What the governor makes of a response. */
export type Verdict =
  { type: 'ok' } | { type: 'burst'; waitMs: number; concurrency: number } | { type: 'budget' };

/** A point-in-time view of the governor, for usage reports and the UI. */
export interface GovernorSnapshot {
  limit: number | null;
  remaining: number | null;
  resetSeconds: number | null;
  searchLimit: number;
  concurrency: number;
  inFlight: number;
  queued: number;
  budgetStopped: boolean;
}

interface Waiter {
  lane: RateLane;
  method: string;
  path: string;
  resolve(permit: Permit): void;
  reject(error: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

const BUDGET_TEXT = /daily|budget|quota/i;
// Log entries are kept this much longer than the window, for the look-back of a resync.
const KEEP_EXTRA_MS = 1000;
// How far past the window a resync still counts our own starts (responses can be that stale).
const RESYNC_LOOKBACK_MS = 250;

/** One lane's pacing state: the sliding log plus the GCRA schedule. */
class Bucket {
  limit: number;
  remaining: number | null = null;
  resetSeconds: number | null = null;
  /** Start times (and phantom starts of other clients) inside the current window, ascending. */
  readonly log: number[] = [];
  private tat = -Infinity;

  constructor(
    limit: number,
    private readonly windowMs: number,
    private readonly ratio: number,
  ) {
    this.limit = limit;
  }

  target(): number {
    const l = this.limit;
    return l <= 2 ? 1 : Math.max(1, Math.min(l - 1, Math.floor(l * this.ratio)));
  }

  interval(): number {
    return this.windowMs / this.target();
  }

  /** Drops entries too old to matter even for the generous look-back of {@link resync}. */
  prune(now: number): void {
    while (this.log.length > 0 && (this.log[0] ?? 0) <= now - this.windowMs - KEEP_EXTRA_MS) this.log.shift();
  }

  /** How many logged starts are newer than `since` (the log is ascending). */
  countSince(since: number): number {
    let i = this.log.length;
    while (i > 0 && (this.log[i - 1] ?? 0) > since) i--;
    return this.log.length - i;
  }

  /** Earliest time a start fits both the log and the schedule. */
  nextSlot(now: number): number {
    this.prune(now);
    const target = this.target();
    const inWindow = this.countSince(now - this.windowMs);
    let at = now;
    if (inWindow >= target) at = (this.log[this.log.length - target] ?? now) + this.windowMs;
    // GCRA with a tolerance of half an interval: a start that fires a little late does not push the
    // whole schedule back, so timer lateness does not accumulate into lost throughput.
    const tolerance = this.interval() / 2;
    return Math.max(at, this.tat - tolerance);
  }

  record(now: number): void {
    this.log.push(now);
    this.tat = Math.max(this.tat, now) + this.interval();
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
    while (i > 0 && (this.log[i - 1] ?? 0) > at) i--;
    this.log.splice(i, 0, ...Array.from({ length: serverUsed - ours }, () => at));
  }
}

/** See the module comment. One instance per connection; get it from the connection registry. */
export class RateGovernor {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly o: Required<Omit<RateGovernorOptions, 'clock' | 'random'>>;
  private readonly general: Bucket;
  private readonly search: Bucket;
  private readonly waiters: Waiter[] = [];
  private concurrency: number;
  private inFlight = 0;
  private blockedUntil = -Infinity;
  private consecutive429 = 0;
  private lastDecreaseAt = -Infinity;
  private budgetStoppedUntil = -Infinity;
  private limitSeen = false;
  private timerAt = Infinity;
  private cancelTimer: (() => void) | null = null;

  constructor(options: RateGovernorOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.o = {
      windowMs: options.windowMs ?? 2000,
      safetyMarginMs: options.safetyMarginMs ?? 25,
      targetRatio: options.targetRatio ?? 0.95,
      initialLimit: options.initialLimit ?? 20,
      searchLimit: options.searchLimit ?? 10,
      maxConcurrency: options.maxConcurrency ?? 16,
      minConcurrency: options.minConcurrency ?? 1,
      backoffBaseMs: options.backoffBaseMs ?? 1000,
      backoffCapMs: options.backoffCapMs ?? 30_000,
      budgetProbeIntervalMs: options.budgetProbeIntervalMs ?? 60_000,
    };
    const window = this.o.windowMs + this.o.safetyMarginMs;
    this.general = new Bucket(this.o.initialLimit, window, this.o.targetRatio);
    this.search = new Bucket(this.o.searchLimit, window, this.o.targetRatio);
    this.concurrency = this.o.maxConcurrency;
  }

  /**
   * Waits until a request of `lane` may start and reserves the start. Rejects with a `cancelled`
   * error when `signal` aborts, and with `budget_exhausted` while the daily budget is known to be gone.
   */
  acquire(lane: RateLane, method: string, path: string, signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(this.cancelled(method, path));
    if (this.isBudgetStopped()) return Promise.reject(this.budgetError(method, path));
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = {
        lane,
        method,
        path,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(this.cancelled(method, path));
          this.pump();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /**
   * Returns a permit and feeds the response into the model. `status` null means no response came
   * back (network failure). `budgetHint` is the response body text, checked for budget wording.
   */
  release(permit: Permit, status: number | null, headers: RateHeaders | null, budgetHint = ''): Verdict {
    if (permit.released) return { type: 'ok' };
    permit.released = true;
    this.inFlight = Math.max(0, this.inFlight - 1);
    const now = this.clock.now();
    let verdict: Verdict = { type: 'ok' };
    // A 429's headers still teach the limit, but its "window full" is handled by the pause below.
    if (headers) this.learn(permit.lane, headers, now, status !== 429);
    if (status === 429) {
      verdict = this.on429(permit.lane, headers, budgetHint, now);
    } else if (status !== null && status < 500) {
      this.consecutive429 = 0;
      // Additive increase: about +1 per round of `concurrency` successful requests.
      this.concurrency = Math.min(this.o.maxConcurrency, this.concurrency + 1 / Math.floor(this.concurrency));
    }
    this.pump();
    return verdict;
  }

  /** Forgets a budget stop (the user resumes a job after the budget has reset). */
  clearBudgetStop(): void {
    this.budgetStoppedUntil = -Infinity;
  }

  /** True while requests fail fast because the daily budget ran out. */
  isBudgetStopped(): boolean {
    return this.clock.now() < this.budgetStoppedUntil;
  }

  /** Current limits, concurrency and queue, for usage reports. */
  snapshot(): GovernorSnapshot {
    return {
      limit: this.limitSeen ? this.general.limit : null,
      remaining: this.general.remaining,
      resetSeconds: this.general.resetSeconds,
      searchLimit: this.search.limit,
      concurrency: Math.floor(this.concurrency),
      inFlight: this.inFlight,
      queued: this.waiters.length,
      budgetStopped: this.isBudgetStopped(),
    };
  }

  /** Capped exponential backoff with equal jitter for the `attempt`-th retry (1-based). */
  backoffMs(attempt: number): number {
    const exp = Math.min(this.o.backoffCapMs, this.o.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(exp / 2 + (this.random() * exp) / 2);
  }

  /** Waits on the governor's clock (used by the retry loop so tests can drive backoff too). */
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    return sleep(this.clock, ms, signal);
  }

  private learn(lane: RateLane, h: RateHeaders, now: number, resync: boolean): void {
    const bucket = lane === 'search' ? this.search : this.general;
    if (h.limit !== null && h.limit > 0) {
      // Search is 10 per 2 s on every plan; a larger number on a search response is the general limit.
      bucket.limit = lane === 'search' ? Math.min(h.limit, this.o.searchLimit) : h.limit;
      if (lane === 'general') this.limitSeen = true;
    }
    if (h.remaining !== null) bucket.remaining = h.remaining;
    if (h.resetSeconds !== null) bucket.resetSeconds = h.resetSeconds;
    if (resync && h.remaining !== null && h.limit !== null) bucket.resync(now, RESYNC_LOOKBACK_MS);
  }

  private on429(lane: RateLane, h: RateHeaders | null, hint: string, now: number): Verdict {
    const trustRemaining = lane === 'general' || (h?.limit != null && h.limit <= this.o.searchLimit);
    const budget =
      BUDGET_TEXT.test(hint) ||
      h?.dailyRequestsLeft === 0 ||
      (trustRemaining && h?.remaining != null && h.remaining > 0);
    if (budget) {
      this.budgetStoppedUntil = now + this.o.budgetProbeIntervalMs;
      return { type: 'budget' };
    }
    this.consecutive429 += 1;
    let waitMs: number;
    if (h?.retryAfterMs != null) waitMs = h.retryAfterMs;
    else if (h?.resetSeconds != null) waitMs = h.resetSeconds * 1000;
    else waitMs = this.backoffMs(this.consecutive429);
    // Never hammer: even "reset in 0 s" waits a moment, plus jitter so parallel retries spread out.
    waitMs = Math.max(100, waitMs) + Math.round(this.random() * 100);
    this.blockedUntil = Math.max(this.blockedUntil, now + waitMs);
    // Halve once per window: the other requests of the same burst come back 429 too, and each of them
    // halving again would collapse concurrency to 1 for one event.
    if (now - this.lastDecreaseAt >= this.o.windowMs) {
      this.concurrency = Math.max(this.o.minConcurrency, Math.floor(this.concurrency / 2));
      this.lastDecreaseAt = now;
    }
    return { type: 'burst', waitMs, concurrency: Math.floor(this.concurrency) };
  }

  private earliestStart(lane: RateLane, now: number): number {
    let at = Math.max(now, this.blockedUntil, this.general.nextSlot(now));
    if (lane === 'search') at = Math.max(at, this.search.nextSlot(now));
    return at;
  }

  private pump(): void {
    const now = this.clock.now();
    if (this.isBudgetStopped()) {
      for (const w of this.waiters.splice(0)) this.settle(w, null, this.budgetError(w.method, w.path));
      return;
    }
    let nextWake = Infinity;
    const lanesSeen = new Set<RateLane>();
    for (const waiter of [...this.waiters]) {
      // FIFO within a lane (a waiting head blocks its lane); lanes don't block each other.
      if (lanesSeen.has(waiter.lane)) continue;
      if (this.inFlight >= Math.floor(this.concurrency)) break; // a release will pump again
      const at = this.earliestStart(waiter.lane, now);
      if (at > now) lanesSeen.add(waiter.lane);
      if (at <= now) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        this.general.record(now);
        if (waiter.lane === 'search') this.search.record(now);
        this.inFlight += 1;
        this.settle(waiter, { lane: waiter.lane, startedAt: now, released: false }, null);
      } else {
        nextWake = Math.min(nextWake, at);
      }
    }
    if (nextWake < Infinity && nextWake < this.timerAt) {
      this.cancelTimer?.();
      this.timerAt = nextWake;
      this.cancelTimer = this.clock.setTimer(
        () => {
          this.timerAt = Infinity;
          this.cancelTimer = null;
          this.pump();
        },
        Math.max(1, Math.ceil(nextWake - now)),
      );
    }
  }

  private settle(w: Waiter, permit: Permit | null, error: unknown): void {
    w.signal?.removeEventListener('abort', w.onAbort);
    if (permit) w.resolve(permit);
    else w.reject(error);
  }

  private cancelled(method: string, path: string): PipedriveError {
    return new PipedriveError({ kind: 'cancelled', method, path, message: 'Cancelled' });
  }

  private budgetError(method: string, path: string): PipedriveError {
    return new PipedriveError({
      kind: 'budget_exhausted',
      method,
      path,
      message: "The company's daily Pipedrive API token budget is used up (not sent; resume after it resets)",
    });
  }
}
