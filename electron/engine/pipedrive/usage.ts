/**
 * Request and token accounting, so every job can say what it cost.
 */

/** A snapshot of what requests have been made and spent. */
export interface PipedriveUsage {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Tokens spent by answered requests (per the cost table; 429s are not counted as spending). */
  tokensSpent: number;
  rateLimited429s: number;
  retries: number;
  serverErrors: number;
  networkErrors: number;
  /** The last burst headers seen on this identity (null until a response carried them). */
  limit: number | null;
  remaining: number | null;
  /** Allowed in-flight requests right now (AIMD). */
  concurrency: number;
  budgetExhausted: boolean;
}

/** The counting half of {@link PipedriveUsage}. */
export type UsageCounts = Pick<
  PipedriveUsage,
  'requests' | 'tokensSpent' | 'rateLimited429s' | 'retries' | 'serverErrors' | 'networkErrors'
>;

/** Mutable counters; the client adds to its own and to its connection's. */
export class UsageCounter {
  private counts: UsageCounts = {
    requests: 0,
    tokensSpent: 0,
    rateLimited429s: 0,
    retries: 0,
    serverErrors: 0,
    networkErrors: 0,
  };

  /**
   * Adds one request's outcome: `status` null for a transport failure. `sent` says whether such a
   * failure came after the request went out: its answer was lost, but Pipedrive may have charged it.
   */
  recordResponse(status: number | null, cost: number, sent = false): void {
    this.counts.requests += 1;
    if (status === null) {
      this.counts.networkErrors += 1;
      if (sent) this.counts.tokensSpent += cost;
    } else if (status === 429) this.counts.rateLimited429s += 1;
    else {
      // Whether Pipedrive charges failed requests is unconfirmed; counting them errs on the side of
      // never under-reporting a job's cost.
      this.counts.tokensSpent += cost;
      if (status >= 500) this.counts.serverErrors += 1;
    }
  }

  /** Counts one retry (a repeated attempt of the same logical call). */
  recordRetry(): void {
    this.counts.retries += 1;
  }

  /** A copy of the counts. */
  snapshot(): UsageCounts {
    return { ...this.counts };
  }
}
