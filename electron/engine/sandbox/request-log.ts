/**
 * The request log and counters tests use to check what a client did: method, path (never the token),
 * status, token cost and outcome of every request.
 */

/** How a request ended. */
export type RequestOutcome =
  | 'ok'
  | 'client-error'
  | 'unauthorized'
  | 'rate-limited'
  | 'budget-exhausted'
  | 'blocked'
  | 'server-error'
  | 'dropped'
  | 'lost-response';

/** One logged request. */
export interface RequestLogEntry {
  /** 1-based sequence number since start (keeps counting across clearRequestLog). */
  seq: number;
  /** Sandbox-clock time the request arrived, RFC 3339 with milliseconds. */
  time: string;
  method: string;
  /** Path and query string, with any `api_token` parameter removed. */
  path: string;
  /** HTTP status; null when the connection was dropped without an answer. */
  status: number | null;
  /** Tokens the request spent from the daily budget (0 when refused or dropped before handling). */
  cost: number;
  auth: 'token' | 'oauth' | 'none';
  outcome: RequestOutcome;
  /** Wall-clock handling time including injected latency. */
  durationMs: number;
}

/** Counters since start or the last reset. */
export interface SandboxStats {
  requests: number;
  ok: number;
  clientErrors: number;
  unauthorized: number;
  /** All 429s: burst plus budget. */
  rateLimited: number;
  burstLimited: number;
  budgetLimited: number;
  /** Cloudflare-style HTML 403s. */
  blocked: number;
  serverErrors: number;
  dropped: number;
  lostResponses: number;
  tokensSpent: number;
  tokensSpentToday: number;
  budgetLeft: number;
  dailyBudget: number;
  organizations: number;
  deletedOrganizations: number;
}

/** The counters the log keeps itself (the budget figures come from the limiter). */
export type OutcomeCounts = Pick<
  SandboxStats,
  | 'requests'
  | 'ok'
  | 'clientErrors'
  | 'unauthorized'
  | 'rateLimited'
  | 'burstLimited'
  | 'budgetLimited'
  | 'blocked'
  | 'serverErrors'
  | 'dropped'
  | 'lostResponses'
>;

const zeroCounts = (): OutcomeCounts => ({
  requests: 0,
  ok: 0,
  clientErrors: 0,
  unauthorized: 0,
  rateLimited: 0,
  burstLimited: 0,
  budgetLimited: 0,
  blocked: 0,
  serverErrors: 0,
  dropped: 0,
  lostResponses: 0,
});

/** A bounded log (oldest entries fall off) plus outcome counters. */
export class RequestLog {
  private seq = 0;
  readonly entries: RequestLogEntry[] = [];
  counts: OutcomeCounts = zeroCounts();

  constructor(private readonly limit: () => number) {}

  /** Records one finished request. */
  add(entry: Omit<RequestLogEntry, 'seq'>): void {
    this.count(entry.outcome);
    const max = this.limit();
    if (max === 0) return;
    this.entries.push({ seq: ++this.seq, ...entry });
    if (this.entries.length > max) this.entries.splice(0, this.entries.length - max);
  }

  /** Empties the log (the counters stay). */
  clear(): void {
    this.entries.length = 0;
  }

  /** Zeroes the counters. */
  resetCounts(): void {
    this.counts = zeroCounts();
  }

  private count(outcome: RequestOutcome): void {
    const c = this.counts;
    c.requests++;
    switch (outcome) {
      case 'ok':
        c.ok++;
        break;
      case 'client-error':
        c.clientErrors++;
        break;
      case 'unauthorized':
        c.unauthorized++;
        break;
      case 'rate-limited':
        c.rateLimited++;
        c.burstLimited++;
        break;
      case 'budget-exhausted':
        c.rateLimited++;
        c.budgetLimited++;
        break;
      case 'blocked':
        c.blocked++;
        break;
      case 'server-error':
        c.serverErrors++;
        break;
      case 'dropped':
        c.dropped++;
        break;
      case 'lost-response':
        c.lostResponses++;
        break;
    }
  }
}
