import { afterEach, describe, expect, it } from 'vitest';
import {
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from '../../../electron/engine/sandbox/index.ts';
import { call } from './http.ts';

let sb: RunningSandbox | null = null;
afterEach(async () => {
  await sb?.close();
  sb = null;
});
// A frozen clock: the 2-s window cannot slide between requests on a slow machine, so counts are exact.
const start = async (options: SandboxOptions): Promise<RunningSandbox> =>
  (sb = await startSandbox({
    organizations: 30,
    manualClock: true,
    startTime: Date.UTC(2026, 5, 1, 12),
    ...options,
  }));

describe('burst limit', () => {
  it('sends rate-limit headers on every response and a JSON 429 once the window is full', async () => {
    const s = await start({ burst: 5 });
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const reply = await call(s, 'GET', '/api/v2/organizations/1');
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-ratelimit-limit')).toBe('5');
      expect(reply.headers.get('x-ratelimit-reset')).toBe('2');
      remaining.push(reply.headers.get('x-ratelimit-remaining') ?? '');
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const limited = await call(s, 'GET', '/api/v2/organizations/1');
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({
      success: false,
      error: 'Request over limit',
      error_info: expect.any(String),
      data: null,
      additional_data: null,
    });
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('retry-after')).toBeNull();
    s.control.setOptions({ retryAfter: true });
    expect((await call(s, 'GET', '/api/v2/organizations/1')).headers.get('retry-after')).toBe('2');
    s.control.advanceClock(2000);
    expect((await call(s, 'GET', '/api/v2/organizations/1')).status).toBe(200);
    expect(s.control.stats()).toMatchObject({ rateLimited: 2, burstLimited: 2, budgetLimited: 0 });
  });

  it('gives search its own 10 per 2 s and OAuth tokens four times the burst', async () => {
    const s = await start({ burst: 3 });
    const search = [];
    for (let i = 0; i < 11; i++)
      search.push((await call(s, 'GET', '/api/v2/organizations/search?term=ab')).status);
    expect(search.filter((x) => x === 200)).toHaveLength(10);
    expect(search[10]).toBe(429);
    expect((await call(s, 'GET', '/api/v2/organizations/1')).status).toBe(200);
    const oauth = [];
    for (let i = 0; i < 13; i++)
      oauth.push((await call(s, 'GET', '/api/v2/organizations/1', { bearer: 'app' })).status);
    expect(oauth.filter((x) => x === 200)).toHaveLength(12);
  });
});

describe('daily budget', () => {
  it('answers 429 with remaining > 0 and a budget message once exhausted, until reset', async () => {
    const s = await start({ burst: 100, dailyBudget: 25, retryAfter: true });
    expect((await call(s, 'GET', '/api/v2/organizations')).status).toBe(200); // 10
    expect((await call(s, 'GET', '/api/v2/organizations')).status).toBe(200); // 20
    const refused = await call(s, 'GET', '/api/v2/organizations');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    expect(refused.json.error).toMatch(/daily API token budget .* used up/);
    expect(Number(refused.headers.get('retry-after'))).toBe(12 * 3600);
    expect(s.control.stats()).toMatchObject({ tokensSpent: 20, budgetLeft: 5, budgetLimited: 1 });
    // Nothing is retried into success while the budget is gone, however often it is asked.
    for (let i = 0; i < 5; i++) expect((await call(s, 'GET', '/api/v2/organizations')).status).toBe(429);
    s.control.resetDailyBudget();
    expect((await call(s, 'GET', '/api/v2/organizations')).status).toBe(200);
    s.control.advanceClock(12 * 3600 * 1000 - 1);
    expect((await call(s, 'GET', '/api/v2/organizations')).status).toBe(200);
    expect((await call(s, 'GET', '/api/v2/organizations')).status).toBe(429);
    s.control.advanceClock(1);
    expect((await call(s, 'GET', '/api/v2/organizations')).status).toBe(200);
  });

  it('logs every request with its cost and never the token', async () => {
    const s = await start({ burst: 100 });
    const secret = 'very-secret-token-123';
    await call(s, 'GET', '/api/v2/organizations?limit=5', { token: secret });
    await call(s, 'POST', '/api/v2/organizations', { token: secret, body: { name: 'Logged' } });
    await call(s, 'GET', `/v1/users/me?api_token=${secret}`, { token: null });
    await call(s, 'DELETE', '/v1/organizations?ids=1,2', { bearer: secret });
    await call(s, 'GET', '/api/v2/organizations', { token: null });
    const log = s.control.requestLog;
    expect(log.map((e) => [e.method, e.status, e.cost, e.auth])).toEqual([
      ['GET', 200, 10, 'token'],
      ['POST', 200, 5, 'token'],
      ['GET', 200, 2, 'token'],
      ['DELETE', 200, 10, 'oauth'],
      ['GET', 401, 0, 'none'],
    ]);
    expect(log[2]?.path).toBe('/v1/users/me');
    expect(JSON.stringify(log)).not.toContain(secret);
    expect(s.control.stats().tokensSpent).toBe(27);
    s.control.clearRequestLog();
    expect(s.control.requestLog).toHaveLength(0);
  });

  it('sends x-daily-requests-left on API-token writes', async () => {
    const s = await start({ dailyWriteRequests: 100 });
    const post = await call(s, 'POST', '/api/v2/organizations', { body: { name: 'W' } });
    expect(post.headers.get('x-daily-requests-left')).toBe('99');
    expect((await call(s, 'GET', '/api/v2/organizations/1')).headers.get('x-daily-requests-left')).toBeNull();
  });
});

describe('Cloudflare-style block', () => {
  it('answers an HTML 403 after N ignored 429s, for the cool-off time', async () => {
    const s = await start({ burst: 1, cloudflareAfterIgnored429s: 3, cloudflareCoolOffMs: 60_000 });
    expect((await call(s, 'GET', '/api/v2/organizations/1')).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(s, 'GET', '/api/v2/organizations/1')).status);
    expect(statuses).toEqual([429, 429, 429, 429, 403]);
    const blocked = await call(s, 'GET', '/api/v2/organizations/1');
    expect(blocked.headers.get('content-type')).toMatch(/text\/html/);
    expect(blocked.text).toMatch(/Cloudflare/);
    s.control.advanceClock(60_000);
    expect((await call(s, 'GET', '/api/v2/organizations/1')).status).toBe(200);
    expect(s.control.stats().blocked).toBe(2);
  });
});
