import { describe, expect, it } from 'vitest';
import { SandboxClock } from '../../../electron/engine/sandbox/clock.ts';
import { resolveOptions, type SandboxOptions } from '../../../electron/engine/sandbox/options.ts';
import { RateLimiter, type RateRequest } from '../../../electron/engine/sandbox/rate-limit.ts';

const NOON = Date.UTC(2026, 5, 1, 12, 0, 0);
const GET: RateRequest = { bearer: false, search: false, cost: 10, write: false };

function limiter(options: SandboxOptions = {}): { rl: RateLimiter; clock: SandboxClock } {
  const clock = new SandboxClock(true, NOON);
  const resolved = resolveOptions(options);
  return { rl: new RateLimiter(() => resolved, clock), clock };
}

describe('burst window', () => {
  it('admits `burst` requests per rolling 2 s and then answers burst 429s with remaining 0', () => {
    const { rl, clock } = limiter({ burst: 5 });
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const a = rl.admit('t', GET);
      expect(a.kind).toBe('ok');
      if (a.kind === 'ok') remaining.push(a.headers['x-ratelimit-remaining'] ?? '');
      clock.advance(100);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const limited = rl.admit('t', GET);
    expect(limited.kind).toBe('burst');
    if (limited.kind !== 'burst') return;
    expect(limited.headers).toMatchObject({
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '2',
    });
    // The oldest request leaves the window 2 s after it arrived: the window rolls, it does not reset.
    clock.advance(1500);
    expect(rl.admit('t', GET).kind).toBe('ok');
    expect(rl.admit('t', GET).kind).toBe('burst');
  });

  it('keeps windows per token, gives OAuth 4× the burst, and search its own 10', () => {
    const { rl } = limiter({ burst: 2 });
    expect(rl.admit('a', GET).kind).toBe('ok');
    expect(rl.admit('a', GET).kind).toBe('ok');
    expect(rl.admit('a', GET).kind).toBe('burst');
    expect(rl.admit('b', GET).kind).toBe('ok');
    const oauth = { ...GET, bearer: true };
    const kinds = Array.from({ length: 9 }, () => rl.admit('o', oauth).kind);
    expect(kinds.filter((k) => k === 'ok')).toHaveLength(8);
    const search = { ...GET, search: true, cost: 20 };
    const searchKinds = Array.from({ length: 11 }, () => rl.admit('a', search));
    expect(searchKinds.filter((a) => a.kind === 'ok')).toHaveLength(10);
    const first = searchKinds[0];
    expect(first?.kind === 'ok' && first.headers['x-ratelimit-limit']).toBe('10');
  });
});

describe('daily budget', () => {
  it('spends per-request costs and refuses with remaining > 0 once exhausted, until midnight', () => {
    const { rl, clock } = limiter({ burst: 100, dailyBudget: 25 });
    expect(rl.admit('t', GET).kind).toBe('ok');
    expect(rl.admit('t', GET).kind).toBe('ok');
    expect(rl.budgetLeft()).toBe(5);
    const refused = rl.admit('t', GET);
    expect(refused.kind).toBe('budget');
    if (refused.kind !== 'budget') return;
    expect(Number(refused.headers['x-ratelimit-remaining'])).toBeGreaterThan(0);
    expect(refused.retryAfterS).toBe(12 * 3600);
    // A cheaper request still fits in what is left.
    expect(rl.admit('t', { ...GET, cost: 5 }).kind).toBe('ok');
    clock.advance(12 * 3600 * 1000);
    expect(rl.budgetLeft()).toBe(25);
    expect(rl.admit('t', GET).kind).toBe('ok');
  });

  it('refills on resetDailyBudget() and gives tokens back on refund()', () => {
    const { rl } = limiter({ dailyBudget: 10 });
    rl.admit('t', GET);
    expect(rl.admit('t', GET).kind).toBe('budget');
    rl.refund(10);
    expect(rl.budgetLeft()).toBe(10);
    rl.admit('t', GET);
    rl.resetDailyBudget();
    expect(rl.admit('t', GET).kind).toBe('ok');
    expect(rl.totalSpent).toBe(20);
  });

  it('counts x-daily-requests-left for API-token writes only', () => {
    const { rl } = limiter({ dailyWriteRequests: 3 });
    const post = { ...GET, write: true, cost: 5 };
    const a = rl.admit('t', post);
    const b = rl.admit('t', post);
    expect(a.kind === 'ok' && a.headers['x-daily-requests-left']).toBe('2');
    expect(b.kind === 'ok' && b.headers['x-daily-requests-left']).toBe('1');
    const get = rl.admit('t', GET);
    expect(get.kind === 'ok' && 'x-daily-requests-left' in get.headers).toBe(false);
    const oauth = rl.admit('o', { ...post, bearer: true });
    expect(oauth.kind === 'ok' && 'x-daily-requests-left' in oauth.headers).toBe(false);
  });
});

describe('Cloudflare block', () => {
  it('blocks after N 429s sent while already limited, for the cool-off time', () => {
    const { rl, clock } = limiter({ burst: 1, cloudflareAfterIgnored429s: 2, cloudflareCoolOffMs: 10_000 });
    expect(rl.admit('t', GET).kind).toBe('ok');
    expect(rl.admit('t', GET).kind).toBe('burst'); // first 429: not ignored yet
    expect(rl.admit('t', GET).kind).toBe('burst'); // ignored 1
    expect(rl.admit('t', GET).kind).toBe('burst'); // ignored 2 → block starts
    expect(rl.admit('t', GET).kind).toBe('blocked');
    expect(rl.admit('other', GET).kind).toBe('ok');
    clock.advance(9_000);
    expect(rl.admit('t', GET).kind).toBe('blocked');
    clock.advance(1_000);
    expect(rl.admit('t', GET).kind).toBe('ok');
  });

  it('never blocks when the option is off (the default)', () => {
    const { rl } = limiter({ burst: 1 });
    rl.admit('t', GET);
    const kinds = new Set(Array.from({ length: 50 }, () => rl.admit('t', GET).kind));
    expect([...kinds]).toEqual(['burst']);
  });
});
