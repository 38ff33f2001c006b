import pLimit from 'p-limit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PipedriveClient,
  isPipedriveError,
  resetConnectionStates,
} from '../../../electron/engine/pipedrive/index.ts';
import { startSandbox, type RunningSandbox } from '../../../electron/engine/sandbox/index.ts';

let sandbox: RunningSandbox | null = null;
beforeEach(() => resetConnectionStates());
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

describe('the rate governor against the sandbox', () => {
  it('keeps 429s ≤ 1 % at ≥ 90 % of a 20-per-2-s limit with 16 requests wanted in flight', async () => {
    sandbox = await startSandbox({ organizations: 50, seed: 11, burst: 20 });
    const ids = sandbox.control.organizations().map((o) => o.id);
    const client = new PipedriveClient({
      baseUrl: sandbox.url,
      auth: { kind: 'token', token: 'governor-token' },
    });
    const limit = pLimit(16);
    const total = 400;
    const results = await Promise.all(
      Array.from({ length: total }, (_, i) => limit(() => client.getOrganization(ids[i % ids.length]!))),
    );
    expect(results).toHaveLength(total);

    const log = sandbox.control.requestLog.filter((e) => e.path.startsWith('/api/v2/organizations/'));
    const rejected = log.filter((e) => e.status === 429).length;
    expect(log.length).toBe(total + rejected);
    expect(rejected).toBeLessThanOrEqual(total * 0.01);
    expect(client.usage().rateLimited429s).toBe(rejected);

    const times = log.map((e) => Date.parse(e.time));
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    const achieved = (log.length - 1) / seconds;
    const allowed = 20 / 2;
    expect(achieved).toBeGreaterThanOrEqual(0.9 * allowed);
    expect(achieved).toBeLessThanOrEqual(allowed * 1.05);
  }, 120_000);

  it('two clients of the same token share one governor', async () => {
    sandbox = await startSandbox({ organizations: 20, seed: 12, burst: 20 });
    const connection = { baseUrl: sandbox.url, auth: { kind: 'token' as const, token: 'shared-token' } };
    const a = new PipedriveClient(connection);
    const b = new PipedriveClient({ ...connection, baseUrl: `${sandbox.url}/` });
    const ids = sandbox.control.organizations().map((o) => o.id);
    const limit = pLimit(16);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        limit(() => (i % 2 ? a : b).getOrganization(ids[i % ids.length]!)),
      ),
    );
    expect(sandbox.control.stats().rateLimited).toBe(0);
    expect(a.usage().requests + b.usage().requests).toBe(60);
    expect(a.connectionUsage().requests).toBe(60);
  });

  it('keeps search under its own 10-per-2-s limit', async () => {
    sandbox = await startSandbox({ organizations: 40, seed: 13, burst: 120 });
    const client = new PipedriveClient({
      baseUrl: sandbox.url,
      auth: { kind: 'token', token: 'search-token' },
    });
    const limit = pLimit(8);
    const pages = await Promise.all(
      Array.from({ length: 25 }, () => limit(() => client.searchOrganizations('an'))),
    );
    expect(pages).toHaveLength(25);
    expect(sandbox.control.stats().rateLimited).toBe(0);
    expect(client.usage().tokensSpent).toBe(25 * 20);
  });

  it('stops at an exhausted daily budget with the typed error and retries nothing in a loop', async () => {
    sandbox = await startSandbox({ organizations: 20, seed: 14, burst: 120, dailyBudget: 100 });
    const client = new PipedriveClient({
      baseUrl: sandbox.url,
      auth: { kind: 'token', token: 'budget-token' },
    });
    const limit = pLimit(16);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, () => limit(() => client.listUsers())),
    );
    const failures = outcomes
      .filter((o) => o.status === 'rejected')
      .map((o) => (o as PromiseRejectedResult).reason);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5); // 5 × 20 tokens = 100
    expect(failures.every((e) => isPipedriveError(e, 'budget_exhausted'))).toBe(true);

    const stats = sandbox.control.stats();
    // At most the requests already in flight when the budget ran out reach the server; none is retried.
    expect(stats.budgetLimited).toBeGreaterThanOrEqual(1);
    expect(stats.budgetLimited).toBeLessThanOrEqual(16);
    expect(stats.requests).toBe(5 + stats.budgetLimited);
    expect(client.usage()).toMatchObject({ budgetExhausted: true, retries: 0, tokensSpent: 100 });

    // Later calls fail fast without touching the server…
    await expect(client.getOrganization(1)).rejects.toMatchObject({ kind: 'budget_exhausted' });
    expect(sandbox.control.stats().requests).toBe(stats.requests);

    // …until the budget refills and the job resumes.
    sandbox.control.resetDailyBudget();
    client.clearBudgetStop();
    await expect(client.listUsers()).resolves.not.toHaveLength(0);
  });
});
