import { describe, expect, it } from 'vitest';
import {
  RateGovernor,
  isPipedriveError,
  parseRetryAfter,
  readRateHeaders,
  type Permit,
  type RateHeaders,
  type RateGovernorOptions,
} from '../../../electron/engine/pipedrive/index.ts';
import { FakeClock, flush } from './fake-clock.ts';

function h(partial: Partial<RateHeaders>): RateHeaders {
  return {
    limit: null,
    remaining: null,
    resetSeconds: null,
    retryAfterMs: null,
    dailyRequestsLeft: null,
    ...partial,
  };
}

function setup(options: RateGovernorOptions = {}) {
  const clock = new FakeClock();
  const governor = new RateGovernor({ clock, random: () => 0.5, ...options });
  const starts: number[] = [];
  const permits: Permit[] = [];
  const take = (count: number, lane: 'general' | 'search' = 'general', signal?: AbortSignal) =>
    Array.from({ length: count }, () =>
      governor.acquire(lane, 'GET', '/api/v2/organizations', signal).then((p) => {
        starts.push(clock.now());
        permits.push(p);
        return p;
      }),
    );
  return { clock, governor, starts, permits, take };
}

/** The most starts inside any half-open window of `windowMs`. */
function maxInWindow(starts: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i] ?? 0;
    best = Math.max(best, starts.filter((t) => t >= from && t < from + windowMs).length);
  }
  return best;
}

describe('RateGovernor pacing', () => {
  it('fills a 20-per-2-s window to the limit, evenly, and keeps ≥ 95 % of the rate', async () => {
    const { clock, governor, starts, take } = setup();
    const all = take(120);
    // Release every permit as soon as it is granted, as fast requests would.
    const releaseLoop = all.map((p) => p.then((permit) => governor.release(permit, 200, h({ limit: 20 }))));
    await clock.advance(10_000);
    // The margin is on top of the server's window, so no 2020-ms stretch holds more than 20 either.
    expect(maxInWindow(starts, 2020)).toBeLessThanOrEqual(20);
    // 20 per 2 s is 100 in 10 s; 20 per 2.02 s (the 20-ms jitter margin) gives 99.
    expect(starts.filter((t) => t < 10_000).length).toBeGreaterThanOrEqual(97);
    // Evenly spread: no two starts closer than half the ideal interval (2000/20 = 100 ms).
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50);
    await clock.advance(5000);
    await Promise.all(releaseLoop);
  });

  it("holds starts back while a slow request may still be in the server's window", async () => {
    const { clock, governor, starts, take } = setup();
    const [slow, ...fast] = take(23);
    // Every answer but the first comes back at once; the first takes 250 ms, so it may have reached
    // the server as late as 0 + 20 (margin) + 250 = 270 and counts in its window until 2270. The
    // others (starting at 50, 150, …) leave theirs 20 ms after a window, so without the slow one the
    // 23rd start would be at 2170.
    const released = fast.map((p) => p.then((permit) => governor.release(permit, 200, h({ limit: 20 }))));
    await clock.advance(250);
    governor.release(await slow!, 200, h({ limit: 20 }));
    await clock.advance(2010);
    expect(starts).toHaveLength(22);
    await clock.advance(20);
    expect(starts).toHaveLength(23);
    expect(starts[22]).toBeGreaterThanOrEqual(2270);
    await Promise.all(released);
  });

  it('learns a larger limit from the headers and speeds up', async () => {
    const { clock, governor, starts, take } = setup();
    const all = take(200);
    const released = all.map((p) => p.then((permit) => governor.release(permit, 200, h({ limit: 100 }))));
    await clock.advance(4000);
    // First request reveals limit 100 → 100 per 2.02 s.
    expect(starts.filter((t) => t < 4000).length).toBeGreaterThan(150);
    expect(maxInWindow(starts, 2000)).toBeLessThanOrEqual(100);
    expect(governor.snapshot().limit).toBe(100);
    await clock.advance(5000);
    await Promise.all(released);
  });

  it('keeps search to its own 10-per-2-s limit while general requests continue', async () => {
    const { clock, governor, take } = setup({ initialLimit: 100 });
    const searchStarts: number[] = [];
    const generalStarts: number[] = [];
    const searches = take(30, 'search').map((p) =>
      p.then((permit) => {
        searchStarts.push(clock.now());
        governor.release(permit, 200, null);
      }),
    );
    const generals = take(30, 'general').map((p) =>
      p.then((permit) => {
        generalStarts.push(clock.now());
        governor.release(permit, 200, null);
      }),
    );
    await clock.advance(2000);
    expect(maxInWindow(searchStarts, 2000)).toBeLessThanOrEqual(10);
    // General requests are not stuck behind the waiting searches.
    expect(generalStarts.length).toBeGreaterThan(searchStarts.length);
    await clock.advance(10_000);
    await Promise.all([...searches, ...generals]);
    expect(searchStarts).toHaveLength(30);
  });

  it('re-syncs from x-ratelimit-remaining when another client spends the same token', async () => {
    const { clock, governor, starts, take } = setup();
    const [first] = take(1);
    await clock.advance(0);
    // Our one request saw 15 of 20 used: 14 went to someone else.
    governor.release(await first!, 200, h({ limit: 20, remaining: 5 }));
    const rest = take(10).map((p) => p.then((permit) => governor.release(permit, 200, null)));
    await clock.advance(1500);
    // Only 20 - 15 = 5 more fit into the window that is still open.
    expect(starts.length).toBeLessThanOrEqual(6);
    await clock.advance(5000);
    await Promise.all(rest);
    expect(starts).toHaveLength(11);
  });

  it('lets re-synced phantom starts expire when the server says its window resets', async () => {
    const { clock, governor, starts, take } = setup();
    const [first] = take(1);
    await clock.advance(0);
    governor.release(await first!, 200, h({ limit: 20, remaining: 0, resetSeconds: 1 }));
    const rest = take(3).map((p) => p.then((permit) => governor.release(permit, 200, null)));
    await clock.advance(950);
    expect(starts).toHaveLength(1);
    await clock.advance(400);
    expect(starts.length).toBeGreaterThan(1);
    await clock.advance(2000);
    await Promise.all(rest);
  });

  it('bounds requests in flight by the concurrency', async () => {
    const { clock, governor, starts, take } = setup({ maxConcurrency: 3, initialLimit: 1000 });
    const all = take(10);
    await clock.advance(1000);
    expect(starts).toHaveLength(3);
    expect(governor.snapshot().inFlight).toBe(3);
    governor.release(await all[0]!, 200, null);
    await clock.advance(100);
    expect(starts).toHaveLength(4);
    for (const p of all.slice(1)) void p.then((permit) => governor.release(permit, 200, null));
    await clock.advance(1000);
    expect(starts).toHaveLength(10);
  });

  it('stops waiting when the signal aborts', async () => {
    const { clock, governor, take } = setup({ maxConcurrency: 1 });
    const controller = new AbortController();
    const [first, second] = take(2, 'general', controller.signal);
    await clock.advance(0);
    const outcome = second!.then(
      () => 'started',
      (e: unknown) => (isPipedriveError(e, 'cancelled') ? 'cancelled' : 'other'),
    );
    controller.abort();
    expect(await outcome).toBe('cancelled');
    expect(governor.snapshot().queued).toBe(0);
    governor.release(await first!, 200, null);
  });
});

describe('RateGovernor and the job signal', () => {
  it('lets a job queue many requests on its one signal without a listener-leak warning, and cancels them all', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning.name);
    };
    process.on('warning', onWarning);
    try {
      const { clock, take } = setup();
      const job = new AbortController();
      const queued = take(60, 'general', job.signal);
      await flush();
      job.abort();
      const results = await Promise.allSettled(queued);
      await clock.advance(0);
      // Node emits its warnings on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((name) => name === 'MaxListenersExceededWarning')).toEqual([]);
      // Those granted before the abort started; every one still waiting was cancelled.
      expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(30);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('RateGovernor on 429', () => {
  async function oneRejected(options: RateGovernorOptions, headers: RateHeaders) {
    const ctx = setup(options);
    const [p] = ctx.take(1);
    await ctx.clock.advance(0);
    const verdict = ctx.governor.release(
      await p!,
      429,
      headers,
      '{"success":false,"error":"Request over limit"}',
    );
    return { ...ctx, verdict };
  }

  it('honours Retry-After first', async () => {
    const { verdict } = await oneRejected(
      {},
      h({ limit: 20, remaining: 0, resetSeconds: 2, retryAfterMs: 5000 }),
    );
    expect(verdict.type).toBe('burst');
    if (verdict.type === 'burst') expect(verdict.waitMs).toBeGreaterThanOrEqual(5000);
    if (verdict.type === 'burst') expect(verdict.waitMs).toBeLessThanOrEqual(5100);
  });

  it('retries a lone full-window 429 at the next free slot, with a wider jitter margin', async () => {
    const { clock, governor, verdict, starts, take } = await oneRejected(
      {},
      h({ limit: 20, remaining: 0, resetSeconds: 1 }),
    );
    expect(verdict).toEqual({ type: 'burst', waitMs: 0, concurrency: 16 });
    expect(governor.snapshot().jitterMarginMs).toBe(40);
    // Nothing is paused: the log (which still counts the rejected start) decides the next slot.
    take(1);
    await clock.advance(100);
    expect(starts).toHaveLength(2);
  });

  it('falls back to x-ratelimit-reset for a second 429 in a window, then to capped backoff', async () => {
    const first = await oneRejected({}, h({ limit: 20, remaining: 0, resetSeconds: 2 }));
    const [again] = first.take(1);
    await first.clock.advance(200);
    const reset = first.governor.release(await again!, 429, h({ limit: 20, remaining: 0, resetSeconds: 2 }));
    expect(reset).toMatchObject({ type: 'burst', concurrency: 8 });
    if (reset.type === 'burst') expect(reset.waitMs).toBeGreaterThanOrEqual(2000);
    if (reset.type === 'burst') expect(reset.waitMs).toBeLessThan(2200);

    const bare = await oneRejected({ backoffBaseMs: 1000, backoffCapMs: 8000 }, h({}));
    if (bare.verdict.type !== 'burst') throw new Error('expected a burst verdict');
    // First backoff step with random 0.5: 1000/2 + 0.5·1000/2 = 750 (+ 50 ms jitter).
    expect(bare.verdict.waitMs).toBe(800);
    const g = bare.governor;
    expect(g.backoffMs(1)).toBe(750);
    expect(g.backoffMs(3)).toBe(3000);
    expect(g.backoffMs(10)).toBe(6000); // capped at 8000 before jitter
  });

  it('holds every start back until the wait is over', async () => {
    const { clock, starts, take, verdict } = await oneRejected({}, h({ retryAfterMs: 3000 }));
    expect(verdict.type).toBe('burst');
    take(1);
    await clock.advance(2900);
    expect(starts).toHaveLength(1);
    await clock.advance(400);
    expect(starts).toHaveLength(2);
  });

  it('halves concurrency once per window and widens it again on success', async () => {
    const { clock, governor, take } = setup({ maxConcurrency: 16, initialLimit: 1000 });
    const pending = take(3);
    await clock.advance(100);
    const permits = await Promise.all(pending);
    governor.release(permits[0]!, 429, h({}));
    governor.release(permits[1]!, 429, h({})); // same burst: no second halving
    expect(governor.snapshot().concurrency).toBe(8);
    await clock.advance(2500);
    governor.release(permits[2]!, 429, h({}));
    expect(governor.snapshot().concurrency).toBe(4);
    // Additive increase: about one step per `concurrency` successes.
    const next = take(4);
    await clock.advance(4000); // past the third, longer 429 pause (3050 ms)
    const more = await Promise.all(next);
    for (const permit of more) governor.release(permit, 200, null);
    expect(governor.snapshot().concurrency).toBe(5);
  });

  it('tells an exhausted daily budget apart from a burst 429 and fails fast afterwards', async () => {
    const { clock, governor, take, verdict } = await oneRejected({}, h({ limit: 20, remaining: 12 }));
    expect(verdict).toEqual({ type: 'budget' });
    expect(governor.isBudgetStopped()).toBe(true);
    const [next] = take(1);
    await expect(next).rejects.toMatchObject({ kind: 'budget_exhausted' });
    governor.clearBudgetStop();
    const [again] = take(1);
    await clock.advance(1000);
    await expect(again).resolves.toMatchObject({ lane: 'general' });
  });

  it('reads budget wording in the body even without headers', async () => {
    const { governor } = setup();
    const p = governor.acquire('general', 'GET', '/x');
    const verdict = governor.release(
      await p,
      429,
      h({}),
      '{"success":false,"error":"Daily API token budget exceeded"}',
    );
    expect(verdict.type).toBe('budget');
  });

  it('rejects queued requests when the budget runs out', async () => {
    const { clock, governor, take } = setup({ maxConcurrency: 1 });
    const [first, second] = take(2);
    const secondOutcome = second!.catch((e: unknown) => e);
    await clock.advance(0);
    governor.release(await first!, 429, h({ limit: 20, remaining: 3 }));
    expect(await secondOutcome).toMatchObject({ kind: 'budget_exhausted' });
  });
});

describe('rate headers', () => {
  it('parses the x-ratelimit headers, Retry-After seconds and dates', async () => {
    const headers = new Headers({
      'x-ratelimit-limit': '40',
      'x-ratelimit-remaining': '39',
      'x-ratelimit-reset': '2',
      'retry-after': '3',
      'x-daily-requests-left': '9999',
    });
    expect(readRateHeaders(headers)).toEqual({
      limit: 40,
      remaining: 39,
      resetSeconds: 2,
      retryAfterMs: 3000,
      dailyRequestsLeft: 9999,
    });
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(readRateHeaders(new Headers()).limit).toBeNull();
    await flush();
  });
});
