/**
 * Pipedrive's two rate-limit layers (reference §6, §9.7): a per-token rolling 2-second request window
 * (search has its own, smaller one) and a company-wide daily token budget, plus the Cloudflare-style
 * block for clients that keep hammering after 429s.
 */
import type { SandboxClock } from './clock.ts';
import type { ResolvedSandboxOptions } from './options.ts';

/** Length of the burst window. */
export const WINDOW_MS = 2000;
const DAY_MS = 86_400_000;
/** OAuth apps get four times the API-token burst (reference §6.3). */
export const OAUTH_BURST_FACTOR = 4;

/** What the limiter needs to know about a request. */
export interface RateRequest {
  bearer: boolean;
  search: boolean;
  cost: number;
  /** POST/PUT/PATCH: counted for x-daily-requests-left. */
  write: boolean;
}

/** The limiter's verdict, with the headers the response carries. */
export type Admission =
  | { kind: 'ok'; headers: Record<string, string> }
  | { kind: 'burst'; headers: Record<string, string>; retryAfterS: number }
  | { kind: 'budget'; headers: Record<string, string>; retryAfterS: number }
  | { kind: 'blocked' };

interface TokenState {
  general: number[];
  search: number[];
  /** Until when the token counts as rate-limited after its last 429. */
  limitedUntil: number;
  /** Rejected requests that arrived while already rate-limited. */
  ignored: number;
  blockedUntil: number;
  writesDay: number;
  writes: number;
}

/** Per-token windows and the daily budget, on the sandbox clock. */
export class RateLimiter {
  private readonly tokens = new Map<string, TokenState>();
  private spentToday = 0;
  private day: number;
  /** Tokens spent since start (or the last stats reset), across days. */
  totalSpent = 0;

  constructor(
    private readonly options: () => ResolvedSandboxOptions,
    private readonly clock: SandboxClock,
  ) {
    this.day = Math.floor(clock.now() / DAY_MS);
  }

  /** Tokens left in today's budget. */
  budgetLeft(): number {
    this.rollDay();
    return Math.max(0, this.options().dailyBudget - this.spentToday);
  }

  /** Tokens spent today. */
  spent(): number {
    this.rollDay();
    return this.spentToday;
  }

  /** Refills the daily budget now, as if it were midnight. */
  resetDailyBudget(): void {
    this.spentToday = 0;
    for (const st of this.tokens.values()) st.writes = 0;
  }

  /** Forgets every window and block (used by reset()). */
  clear(): void {
    this.tokens.clear();
    this.spentToday = 0;
    this.totalSpent = 0;
  }

  /** Gives tokens back for a request that did not get processed after all (dropped, 5xx fault). */
  refund(cost: number): void {
    this.spentToday = Math.max(0, this.spentToday - cost);
    this.totalSpent = Math.max(0, this.totalSpent - cost);
  }

  /** Decides whether a request may proceed; on success counts it and spends its tokens. */
  admit(tokenKey: string, req: RateRequest): Admission {
    const o = this.options();
    const now = this.clock.now();
    this.rollDay();
    const st = this.state(tokenKey, now);
    if (st.blockedUntil > now) return { kind: 'blocked' };
    if (st.blockedUntil !== 0) {
      st.blockedUntil = 0;
      st.ignored = 0;
      st.limitedUntil = 0;
    }
    const window = req.search ? st.search : st.general;
    while (window.length > 0 && (window[0] as number) <= now - WINDOW_MS) window.shift();
    const limit = req.search ? o.searchBurst : o.burst * (req.bearer ? OAUTH_BURST_FACTOR : 1);
    const headers = (): Record<string, string> => {
      const oldest = window[0];
      const reset =
        oldest === undefined ? WINDOW_MS / 1000 : Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
      return {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(Math.max(0, limit - window.length)),
        'x-ratelimit-reset': String(reset),
      };
    };

    let rejection: Extract<Admission, { kind: 'burst' | 'budget' }> | null = null;
    if (window.length >= limit) {
      const oldest = window[0] as number;
      rejection = {
        kind: 'burst',
        headers: headers(),
        retryAfterS: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)),
      };
    } else if (this.spentToday + req.cost > o.dailyBudget) {
      const midnight = (this.day + 1) * DAY_MS;
      rejection = {
        kind: 'budget',
        headers: headers(),
        retryAfterS: Math.max(1, Math.ceil((midnight - now) / 1000)),
      };
    }
    if (rejection) {
      if (st.limitedUntil > now) {
        st.ignored++;
        if (o.cloudflareAfterIgnored429s !== null && st.ignored >= o.cloudflareAfterIgnored429s) {
          st.blockedUntil = now + o.cloudflareCoolOffMs;
        }
      }
      st.limitedUntil = Math.max(st.limitedUntil, now + rejection.retryAfterS * 1000);
      return rejection;
    }

    window.push(now);
    st.ignored = 0;
    this.spentToday += req.cost;
    this.totalSpent += req.cost;
    const out = headers();
    if (req.write && !req.bearer) {
      st.writes++;
      out['x-daily-requests-left'] = String(Math.max(0, o.dailyWriteRequests - st.writes));
    }
    return { kind: 'ok', headers: out };
  }

  /**
   * Starts the token's Cloudflare block now, as if it had ignored enough 429s (the `block` test fault):
   * HTML 403s for `cloudflareCoolOffMs`, then the token starts afresh.
   */
  block(tokenKey: string): void {
    const now = this.clock.now();
    const st = this.state(tokenKey, now);
    st.blockedUntil = now + this.options().cloudflareCoolOffMs;
  }

  /** A burst 429 as if the window were full (the `rateLimit` test fault); counts nothing. */
  fullWindow(tokenKey: string, req: RateRequest): Admission {
    const limit = req.search
      ? this.options().searchBurst
      : this.options().burst * (req.bearer ? OAUTH_BURST_FACTOR : 1);
    const seconds = WINDOW_MS / 1000;
    this.state(tokenKey, this.clock.now());
    return {
      kind: 'burst',
      headers: {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(seconds),
      },
      retryAfterS: seconds,
    };
  }

  private state(tokenKey: string, now: number): TokenState {
    let st = this.tokens.get(tokenKey);
    const day = Math.floor(now / DAY_MS);
    if (!st) {
      st = {
        general: [],
        search: [],
        limitedUntil: 0,
        ignored: 0,
        blockedUntil: 0,
        writesDay: day,
        writes: 0,
      };
      this.tokens.set(tokenKey, st);
    }
    if (st.writesDay !== day) {
      st.writesDay = day;
      st.writes = 0;
    }
    return st;
  }

  /** The budget resets at midnight (UTC on the sandbox clock). */
  private rollDay(): void {
    const day = Math.floor(this.clock.now() / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.spentToday = 0;
    }
  }
}
