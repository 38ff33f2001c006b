/**
 * The rate governor: one per Pipedrive identity (base URL + credential), shared by every request of
 * every client made for it. It decides when a request may *start*, so the burst limit (a rolling 2-s
 * window per token) is approached but not crossed, and it learns from every response's headers.
 *
 * Pacing has three gates per lane: a log of our starts, each with the latest time it may have reached
 * the server (rate-bucket.ts: a jitter margin plus how much slower than the fastest recent round trip
 * its answer came), which lets the window fill exactly to the limit without a 21st arrival landing in
 * it; a GCRA schedule that spreads starts evenly; and an AIMD concurrency cap. The jitter margin adapts:
 * a lone burst 429 (the window was full by a few milliseconds) widens it and the request goes again at
 * the next free slot, while 429s in a row mean something else spends the token, so everything pauses
 * for the server's reset and concurrency halves. Search has its own 10-per-2-s lane and also counts
 * against the general one (whether it does on Pipedrive is unconfirmed; assuming it does is the safe
 * side). Pure logic over an injectable {@link Clock}.
 */
import { getMaxListeners, setMaxListeners } from 'node:events';
import { realClock, sleep, type Clock } from './clock.ts';
import { PipedriveError } from './errors.ts';
import { Bucket, type LogEntry } from './rate-bucket.ts';
import type { RateHeaders } from './rate-headers.ts';
import type { RateLane } from './token-costs.ts';

/** Tuning knobs; the defaults suit Pipedrive's documented limits. */
export interface RateGovernorOptions {
  clock?: Clock;
  /** The server's rolling window. */
  windowMs?: number;
  /** Least (and first) jitter margin added to every start's arrival estimate. */
  safetyMarginMs?: number;
  /** Most the jitter margin grows to after 429s, and most a slow answer adds to one start's estimate. */
  maxJitterMs?: number;
  /** Share of the advertised limit we aim for (1: fill each window exactly to the limit). */
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
  /** The current jitter margin added to each start's arrival estimate. */
  jitterMarginMs: number;
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
// How far past the window a resync still counts our own starts (responses can be that stale).
const RESYNC_LOOKBACK_MS = 250;
// Round trips remembered for the "fastest recent round trip" a late arrival is measured against.
const RTT_SAMPLES = 64;
/** Node warns about more abort listeners than this on one signal (events.defaultMaxListeners). */
const DEFAULT_MAX_LISTENERS = 10;
// A lone 429 widens the jitter margin by this much; each run of successes narrows it again.
const MARGIN_STEP_MS = 20;
const MARGIN_RELAX_EVERY = 100;
const MARGIN_RELAX_MS = 2;

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
  private marginMs: number;
  private successStreak = 0;
  private last429At = -Infinity;
  private readonly rtts: number[] = [];
  private fastestRtt: number | null = null;
  private readonly entries = new WeakMap<Permit, LogEntry[]>();
  private timerAt = Infinity;
  private cancelTimer: (() => void) | null = null;

  constructor(options: RateGovernorOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.o = {
      windowMs: options.windowMs ?? 2000,
      safetyMarginMs: options.safetyMarginMs ?? 20,
      maxJitterMs: options.maxJitterMs ?? 300,
      targetRatio: options.targetRatio ?? 1,
      initialLimit: options.initialLimit ?? 20,
      searchLimit: options.searchLimit ?? 10,
      maxConcurrency: options.maxConcurrency ?? 16,
      minConcurrency: options.minConcurrency ?? 1,
      backoffBaseMs: options.backoffBaseMs ?? 1000,
      backoffCapMs: options.backoffCapMs ?? 30_000,
      budgetProbeIntervalMs: options.budgetProbeIntervalMs ?? 60_000,
    };
    this.marginMs = this.o.safetyMarginMs;
    const pad = (entry: LogEntry, now: number): number => this.arrivalPad(entry, now);
    this.general = new Bucket(this.o.initialLimit, this.o.windowMs, this.o.targetRatio, pad);
    this.search = new Bucket(this.o.searchLimit, this.o.windowMs, this.o.targetRatio, pad);
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
      if (signal) {
        // Every queued request of a job listens on the job's one signal: a busy job queues more than
        // Node's default of 10 listeners, which is not the leak the warning is about.
        const wanted = this.waiters.length + this.inFlight + DEFAULT_MAX_LISTENERS;
        if (getMaxListeners(signal) < wanted) setMaxListeners(wanted, signal);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
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
    const rtt = Math.max(0, now - permit.startedAt);
    for (const entry of this.entries.get(permit) ?? []) entry.rtt = rtt;
    if (status !== null && status !== 429) {
      this.rtts.push(rtt);
      if (this.rtts.length > RTT_SAMPLES) this.rtts.shift();
      this.fastestRtt = Math.min(...this.rtts);
    }
    let verdict: Verdict = { type: 'ok' };
    // A 429's headers still teach the limit, but its "window full" is handled by the pause below.
    if (headers) this.learn(permit.lane, headers, now, status !== 429);
    if (status === 429) {
      verdict = this.on429(permit.lane, headers, budgetHint, now);
    } else if (status !== null && status < 500) {
      this.consecutive429 = 0;
      this.successStreak += 1;
      if (this.successStreak % MARGIN_RELAX_EVERY === 0) {
        this.marginMs = Math.max(this.o.safetyMarginMs, this.marginMs - MARGIN_RELAX_MS);
      }
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
      jitterMarginMs: this.marginMs,
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
    this.successStreak = 0;
    // A lone burst 429 with the server's own count (and no Retry-After) means our estimate of when the
    // oldest request left the window was a few milliseconds short: widen the margin and let the request
    // go again at the next free slot, which the log already holds it back for. Waiting out the server's
    // reset instead (whole seconds) would idle a full window for a miss of a few milliseconds.
    const lone =
      h?.retryAfterMs == null &&
      h?.remaining === 0 &&
      h.limit != null &&
      this.consecutive429 === 0 &&
      now - this.last429At >= this.o.windowMs;
    this.last429At = now;
    this.consecutive429 += 1;
    this.marginMs = Math.min(this.o.maxJitterMs, this.marginMs + MARGIN_STEP_MS);
    if (lone) {
      return { type: 'burst', waitMs: 0, concurrency: Math.floor(this.concurrency) };
    }
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
        const logged = [this.general.record(now)];
        if (waiter.lane === 'search') logged.push(this.search.record(now));
        this.inFlight += 1;
        const permit: Permit = { lane: waiter.lane, startedAt: now, released: false };
        this.entries.set(permit, logged);
        this.settle(waiter, permit, null);
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

  /**
   * How much after its start a request may have reached the server: the jitter margin, plus how much
   * longer than the fastest recent round trip it took (or has taken so far, while in flight). Capped,
   * so one very slow answer (slow on the server's side, after it was counted) cannot stall the lane.
   */
  private arrivalPad(entry: LogEntry, now: number): number {
    const fastest = this.fastestRtt;
    const took = entry.rtt ?? now - entry.start;
    const late = fastest === null ? 0 : Math.max(0, took - fastest);
    return this.marginMs + Math.min(this.o.maxJitterMs, late);
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
